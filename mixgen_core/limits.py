"""Every cap of the core, defined once: how much one call may draw, fit or be given.

The caps keep a shared classroom server healthy (memory, time) and keep floating-point
arithmetic far from overflow. Each public function's docstring names the caps it applies;
the numbers live only here.
"""

# --- Gaussian mixtures -------------------------------------------------------------------
#: Most components in one mixture (drawn or fitted).
MAX_COMPONENTS = 8
#: Most points one sample may hold, or one fit be given (16 MB of floats).
MAX_POINTS = 1_000_000
#: Largest absolute mean coordinate, covariance entry and variance a component accepts.
MAX_ABS = 1e6
#: Largest absolute coordinate EM accepts: beyond it, squared distances could overflow.
MAX_COORDINATE = 1e100
#: Largest absolute covariance entry a ``GMMParams`` accepts (its 2x2 algebra stays finite).
MAX_COVARIANCE = 1e300
#: Largest ``reg_covar`` (the floor on a fitted component's variances).
MAX_REG_COVAR = 1e6
#: Most EM iterations of one Gaussian-mixture fit.
MAX_GMM_ITER = 1000
#: Most standard deviations an ellipse may be drawn at.
MAX_N_SD = 1000.0
#: Most points on one ellipse.
MAX_ELLIPSE_POINTS = 10_000

# --- topics, dice and documents ------------------------------------------------------------
#: Most topics (dice) in one mixture, drawn or fitted.
MAX_TOPICS = 8
#: Most words on one topic's die.
MAX_TOPIC_WORDS = 200
#: Longest word, in characters (longer ones are refused, not cut).
MAX_WORD_LENGTH = 10_000
#: Longest topic name, in characters.
MAX_NAME_LENGTH = 100
#: Most sides ``one_hot``, ``side_counts`` and ``running_frequencies`` accept.
MAX_SIDES = 10_000
#: Most words one call handles: rolled over all documents, fitted over all documents,
#: in one document reasoned about, or entries of a dice table (about 24 MB of int arrays).
MAX_TOTAL_WORDS = 1_000_000
#: Most documents ``sample_documents`` draws in one call (each is a small Python object).
MAX_SAMPLED_DOCUMENTS = 10_000
#: Most documents ``fit_topics`` accepts: ten times the sampler's cap, so that a class can
#: fit a corpus of its own (at most ``MAX_TOTAL_WORDS`` words in all still holds).
MAX_FIT_DOCUMENTS = 100_000
#: Most distinct words in the documents ``fit_topics`` is given.
MAX_VOCABULARY = 20_000
#: Smallest Dirichlet concentration: below it practically every document is one topic.
MIN_CONCENTRATION = 1e-3
#: Largest Dirichlet concentration: above it every document's mix is practically the average.
MAX_CONCENTRATION = 1e6
#: Smallest Dirichlet prior of ``fit_topics``: keeps ``exp(E[log theta] + E[log beta])`` far
#: above the smallest double (digamma(0.01) is about -100.6), so no word's probabilities underflow.
MIN_PRIOR = 0.01
#: Largest Dirichlet prior of ``fit_topics``.
MAX_PRIOR = 100.0
#: Most variational iterations per restart of ``fit_topics``.
MAX_TOPIC_FIT_ITER = 5_000
#: Most EM iterations of ``estimate_mixing_weights`` (one document, known topics).
MAX_MIXING_ITER = 100_000

# --- both -------------------------------------------------------------------------------------
#: Most random restarts of one fit (EM for Gaussians, variational Bayes for topics).
MAX_INIT = 20
#: Most items on each side of a fit-versus-truth matching: 8! = 40 320 permutations scored at once.
MAX_ALIGN = 8

# --- collapsed Gibbs sampling for topics ----------------------------------------------------
#: Most sweeps of one ``sample_topic_assignments`` run (each sweep re-rolls every word once).
MAX_GIBBS_SWEEPS = 100_000
#: Most word topics one Gibbs run keeps, ``(n_sweeps + 1) x words``: the whole history is
#: stored (20 MB as 1-byte ints), and it also bounds the time, one Python step per word and sweep.
MAX_GIBBS_HISTORY = 20_000_000
#: Most words of a run whose sweep is replayed word by word (``sweep_states``): the replay holds
#: every word's topic after every re-roll, words squared (4M numbers at this cap).
MAX_REPLAY_WORDS = 2_000

# --- tokenising real text (tokenize) ---------------------------------------------------------
#: Longest text ``tokenize`` reads, in characters (10 MB of English: the State of the Union
#: addresses of a whole century are about 5 million characters).
MAX_TEXT_CHARACTERS = 10_000_000
#: Most tokens ``tokenize`` returns for one text, and most ``prune_vocabulary`` is given in
#: all: twice what ``fit_topics`` accepts, so a corpus may be pruned down to a fit's size.
MAX_TOKENS = 2_000_000
#: Most stop words one call accepts.
MAX_STOP_WORDS = 100_000

# --- k-means ------------------------------------------------------------------------------------
#: Most Lloyd iterations of one k-means fit (``fit_kmeans``); points, clusters and restarts
#: are capped as for EM (``MAX_POINTS``, ``MAX_COMPONENTS``, ``MAX_INIT``).
MAX_KMEANS_ITER = 1000

# --- how many topics (topic_count) -------------------------------------------------------------
#: Fewest documents ``choose_topic_count`` holds out: a standard error from fewer would mean little.
MIN_HELD_OUT = 5
