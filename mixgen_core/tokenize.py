"""Real text into words for the topic fit: :func:`tokenize` and :func:`prune_vocabulary`.

A topic model sees a document only as a bag of words, so real text (a speech, a file a
student uploads) is first cut into words, and the words that say nothing about a topic are
dropped:

1. :func:`tokenize` lower-cases one text, cuts it into words of letters, and drops stop
   words ("the", "of", "which": :data:`STOP_WORDS`) and words shorter than ``min_length``.
2. :func:`prune_vocabulary` drops, over a whole collection of documents, the rare words
   (fewer than ``min_count`` occurrences: they cannot be shared by a topic) and the words
   in nearly every document (more than ``max_doc_share`` of them: they tell no document
   from another, e.g. "congress" in State of the Union addresses).

What a word is
--------------
- A run of Unicode letters (``str.isalpha``), so "café", "naïve" and "Ölfeld" are single
  words. Digits, underscores, hyphens and all punctuation separate words: "covid19" gives
  "covid", "well-known" gives "well" and "known". The text is lower-cased and then put in
  Unicode normal form NFC (an accent typed as a separate combining mark joins its letter);
  a combining mark with no precomposed letter is not a letter and separates words.
- Apostrophes (``'``, ``’`` or ``ʼ``) between letters: an English clitic at the end is
  dropped, so "nation's" gives "nation", "don't" gives "do", "we'll" gives "we" and
  "they've" gives "they" (stop words, most of them); "can't", "won't" and "shan't" give
  "can", "will" and "shall". Any other apostrophe is removed and the parts joined:
  "o'clock" gives "oclock", "O'Brien" gives "obrien". Joining all of them instead would
  make "he'll" into "hell" and "we'll" into "well"; splitting all of them would leave the
  stumps "don" and "t".
- Words longer than ``max_length`` (default :data:`LONGEST_WORD`, 45, the longest word
  in English dictionaries) are dropped: in real text they are web addresses, encoded
  data or keyboard mashing.
- Made for languages that put spaces between words: Chinese or Japanese text without
  spaces comes out as one "word" per run of characters.

Both functions are pure Python (the standard library's ``re``, ``unicodedata`` and
``collections``), deterministic, and return new lists.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from numbers import Real
from typing import Any, Iterable

from ._checks import check_count, check_list, quoted, shown
from .limits import MAX_FIT_DOCUMENTS, MAX_STOP_WORDS, MAX_TEXT_CHARACTERS, MAX_TOKENS, MAX_WORD_LENGTH

#: Default longest word kept, in characters: the longest word in major English dictionaries
#: (pneumonoultramicroscopicsilicovolcanoconiosis) has 45 letters.
LONGEST_WORD = 45

_STOP_WORD_TEXT = """
a about above across after afterwards again against ago ah all almost alone along already also
although always am among amongst an and another any anybody anyhow anyone anything anyway
anyways anywhere are around as aside at away
b back be became because become becomes becoming been before beforehand behind being below
beside besides best better between beyond both but by
c can cannot could
d did do does doing done down during
e each eg either else elsewhere enough especially etc even ever every everybody everyone
everything everywhere except
f far few fewer first for former formerly forth from further furthermore
g get gets getting give given gives go goes going gone got
h had has hast hath have having he hence her here hereafter hereby herein hereof hereto
heretofore herewith hers herself him himself his how however
i ie if in inasmuch indeed inside insofar instead into is it its itself
j just
k keep kept
l last later latter least less let lets like likewise
m made make makes making many may maybe me meanwhile might mine more moreover most mostly mr
mrs ms much must my myself
n namely near nearly neither never nevertheless next no nobody none nonetheless noone nor not
nothing now nowhere
o of off often oh ok okay on once one ones only onto or other others otherwise ought our ours
ourselves out outside over own
p per perhaps please
q quite
r rather really regarding
s said same say says see seem seemed seeming seems seen several shall she should since so
some somebody somehow someone something sometime sometimes somewhat somewhere still such
t than that the thee their theirs them themselves then thence there thereafter thereby
therefore therein thereof thereon thereto thereupon these they thine thing things this those
thou though through throughout thru thus thy thyself till to together too took toward towards
u under unless unlike until unto up upon us
v very via
w was way ways we well were what whatever whatsoever when whence whenever where whereafter
whereas whereby wherein whereof whereupon wherever whether which whichever while whilst
whither who whoever whom whomever whose why will with within without would
x y ye yes yet you your yours yourself yourselves
z
"""

#: English function words and other words that say nothing about a topic, written for
#: mixgen (a few hundred: articles, pronouns, prepositions, conjunctions, auxiliary and
#: very common verbs, archaic forms found in old speeches, single letters). Content words,
#: even very common ones such as "year" or "people", are left for
#: :func:`prune_vocabulary` to judge from the documents themselves.
STOP_WORDS: frozenset[str] = frozenset(_STOP_WORD_TEXT.split())

# A word: letters, with apostrophes allowed between letters. ``[^\W\d_]`` is "a word
# character that is not a digit or an underscore": Unicode letters, plus a few numeric
# characters such as "½" that are filtered out afterwards (see _letter_runs).
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})
#: What an English clitic after the last apostrophe leaves: "nation's" -> "nation".
_CLITICS = frozenset({"s", "ll", "re", "ve", "d", "m"})
#: Contractions whose "n't" does not leave the verb's own spelling.
_IRREGULAR = {"can't": "can", "won't": "will", "shan't": "shall", "ain't": "is"}


def _letter_runs(word: str) -> list[str]:
    """The runs of letters in ``word`` (rare: only when it holds a numeric character such as "½")."""
    runs, current = [], []
    for ch in word:
        if ch.isalpha():
            current.append(ch)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


def _without_apostrophes(word: str) -> str:
    """A word with apostrophes as one word: the clitic dropped, or the parts joined (module docstring)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("n't"):
        word = word[:-3]
    else:
        head, _, tail = word.rpartition("'")
        if tail in _CLITICS:
            word = head
    return word.replace("'", "")


def _check_stop_words(stop_words: Any) -> frozenset[str]:
    if stop_words is STOP_WORDS:
        return STOP_WORDS
    if isinstance(stop_words, (frozenset, set)):
        stop_words = list(stop_words)  # check_list refuses sets (no order): here order does not matter
    words = check_list(stop_words, "stop_words", "stop words", str, "text", maximum=MAX_STOP_WORDS)
    return frozenset(words)


def _check_text(text: Any) -> str:
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise ValueError("The text must be a string, not bytes: decode it first, e.g. data.decode('utf-8').")
    if not isinstance(text, str):
        raise ValueError(f"The text must be a string, but got {quoted(text)}.")
    if len(text) > MAX_TEXT_CHARACTERS:
        raise ValueError(
            f"The text may be at most {MAX_TEXT_CHARACTERS:,} characters long, but it has {len(text):,}."
        )
    return text


def tokenize(
    text: str,
    stop_words: Iterable[str] = STOP_WORDS,
    min_length: int = 3,
    *,
    max_length: int = LONGEST_WORD,
) -> list[str]:
    """Cut a text into lower-case words of letters, without stop words or very short words.

    See the module docstring for what counts as a word (letters; apostrophes; hyphens and
    digits separate words).

    Parameters
    ----------
    text : str
        At most ``MAX_TEXT_CHARACTERS`` characters.
    stop_words : collection of str, default STOP_WORDS
        Words to drop, compared with the lower-cased word (so give them in lower case); at
        most ``MAX_STOP_WORDS``. Pass ``()`` to keep every word.
    min_length : int, default 3
        Shortest word kept, in characters, 1 to ``MAX_WORD_LENGTH``.
    max_length : int, default LONGEST_WORD (45)
        Longest word kept, in characters, ``min_length`` to ``MAX_WORD_LENGTH``.

    Returns
    -------
    list of str
        The words in text order, repeats included. Each is lower-case letters only
        (``w.isalpha()`` and ``w == w.lower()``), between ``min_length`` and ``max_length``
        characters, and not a stop word. Tokenising ``" ".join(result)`` again gives the same
        list.

    Raises
    ------
    ValueError
        If ``text`` is not a string (bytes included), or is too long; if the text holds more
        than ``MAX_TOKENS`` words; for bad ``stop_words``, ``min_length`` or ``max_length``.

    Examples
    --------
    >>> tokenize("The Nation's budget doesn't balance; well-known O'Brien's plan in 2024!")
    ['nation', 'budget', 'balance', 'known', 'obrien', 'plan']
    """
    text = _check_text(text)
    stop = _check_stop_words(stop_words)
    min_length = check_count(min_length, "min_length", minimum=1, maximum=MAX_WORD_LENGTH)
    max_length = check_count(max_length, "max_length", minimum=min_length, maximum=MAX_WORD_LENGTH)
    # "İ".lower() is "i" and a combining dot: drop the dot, or it would cut "istanbul" in two.
    text = unicodedata.normalize("NFC", text.lower().translate(_APOSTROPHES).replace("i\u0307", "i"))
    tokens: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if "'" in word:
            word = _without_apostrophes(word)
        pieces = (word,) if word.isalpha() else _letter_runs(word)
        for piece in pieces:
            if min_length <= len(piece) <= max_length and piece not in stop:
                tokens.append(piece)
        if len(tokens) > MAX_TOKENS:
            raise ValueError(
                f"The text holds more than {MAX_TOKENS:,} words: give a shorter text, or a part of it."
            )
    return tokens


def prune_vocabulary(
    documents: Any,
    min_count: int = 2,
    max_doc_share: float = 0.5,
) -> list[list[str]]:
    """Drop rare words and words found in nearly every document, from every document.

    A topic is a group of words that turn up together; a word seen once can belong to no
    group, and a word in nearly every document ("congress" in State of the Union addresses)
    tells no document from another, so both only slow the fit down and blur its topics.

    Parameters
    ----------
    documents : sequence of D sequences of str
        Each document a list of words, e.g. from :func:`tokenize`. At most
        ``MAX_FIT_DOCUMENTS`` documents and ``MAX_TOKENS`` words in all.
    min_count : int, default 2
        Keep a word only if it occurs at least this often over all documents (1 keeps
        every word); 1 to ``MAX_TOKENS``.
    max_doc_share : float, default 0.5
        Keep a word only if the share of documents it occurs in is at most this, a number
        above 0 and at most 1 (1 keeps every word).

    Returns
    -------
    list of D lists of str
        Each document's kept words, in order; documents may become empty (they are kept, so
        document ``d`` of the result is document ``d`` of the input).

    Raises
    ------
    ValueError
        If ``documents`` is not a list of lists of words, is too large, or a setting is out
        of range.
    """
    documents = check_list(documents, "documents", "documents", maximum=MAX_FIT_DOCUMENTS)
    docs = []
    total = 0
    for i, doc in enumerate(documents):
        doc = check_list(doc, f"Document {i + 1}", "words", str, "text", maximum=MAX_TOKENS)
        total += len(doc)
        if total > MAX_TOKENS:
            raise ValueError(f"The documents may hold at most {MAX_TOKENS:,} words in all.")
        docs.append(doc)
    min_count = check_count(min_count, "min_count", minimum=1, maximum=MAX_TOKENS)
    if isinstance(max_doc_share, bool) or not isinstance(max_doc_share, Real) or not (
        0 < max_doc_share <= 1
    ):
        raise ValueError(
            f"max_doc_share must be a number above 0 and at most 1 (a share of the documents), "
            f"but got {shown(max_doc_share)}."
        )
    counts: Counter[str] = Counter()
    doc_counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(doc)
        doc_counts.update(set(doc))
    most_docs = max_doc_share * len(docs)
    keep = {w for w, c in counts.items() if c >= min_count and doc_counts[w] <= most_docs}
    return [[w for w in doc if w in keep] for doc in docs]
