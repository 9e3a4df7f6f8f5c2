"""A student's own text for the topic fit, read safely: documents from typed text or from .txt files.

The same rules as :mod:`mixgen_ui.uploads` (untrusted, read in memory, every problem a
``ValueError`` that names it); the caps are the module constants below.
"""

from __future__ import annotations

from typing import Any, Sequence

from .datasets import split_paragraphs
from .uploads import decode_upload, quoted

#: Most characters of text for the topic fit, typed or in all files together.
MAX_TEXT_CHARS = 2_000_000
#: Most text files at once.
MAX_FILES = 50
#: Most documents in typed text (separated by blank lines).
MAX_TEXT_DOCUMENTS = 10_000
#: Longest file name, in characters.
MAX_FILE_NAME_CHARS = 255


def documents_from_text(text: Any) -> list[tuple[str, str]]:
    """Typed or pasted text as documents: one document per block between blank lines.

    Parameters
    ----------
    text : str
        At most ``MAX_TEXT_CHARS`` characters; at most ``MAX_TEXT_DOCUMENTS`` blocks.

    Returns
    -------
    list of (str, str)
        ``("Document 1", text of the first block)``, ...: each block's lines joined by
        single spaces, white space trimmed; empty blocks are left out.

    Raises
    ------
    ValueError
        For something that is not text, too much text or too many documents, a zero
        character, or no text at all.
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise ValueError("The text must be a string, not bytes: for files use documents_from_files.")
    if not isinstance(text, str):
        raise ValueError("The text must be a string.")
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"The text is {len(text):,} characters long; at most {MAX_TEXT_CHARS:,} are read.")
    if "\x00" in text:
        raise ValueError(f"The text holds a zero character at position {text.index(chr(0)):,}: paste plain text.")
    blocks = split_paragraphs(text)
    if not blocks:
        raise ValueError("There is no text: type or paste some, with a blank line between documents.")
    if len(blocks) > MAX_TEXT_DOCUMENTS:
        raise ValueError(
            f"The text has {len(blocks):,} documents (blocks between blank lines); at most {MAX_TEXT_DOCUMENTS:,} "
            "are read."
        )
    return [(f"Document {i}", block) for i, block in enumerate(blocks, start=1)]


def documents_from_files(files: Any) -> list[tuple[str, str]]:
    """Uploaded text files as documents: one document per file.

    Parameters
    ----------
    files : sequence of (str, bytes)
        Each file's name and contents, e.g. ``[(f.name, f.getvalue()) for f in uploaded]``:
        1 to ``MAX_FILES`` files, each at most ``MAX_UPLOAD_BYTES`` of UTF-8 text, at most
        ``MAX_TEXT_CHARS`` characters in all; names of at most ``MAX_FILE_NAME_CHARS``.

    Returns
    -------
    list of (str, str)
        ``(name, text)`` per file, in the order given (names are user text: escape them).

    Raises
    ------
    ValueError
        Naming the file: not text (binary, not UTF-8, with the byte offset), empty, too
        large, too much text in all, too many files, or a bad name.
    """
    if isinstance(files, (str, bytes, dict)) or not isinstance(files, Sequence):
        raise ValueError("files must be a list of (name, contents) pairs.")
    if not files:
        raise ValueError("No files were given: upload at least one text file.")
    if len(files) > MAX_FILES:
        raise ValueError(f"{len(files):,} files were given; at most {MAX_FILES} are read at once.")
    documents = []
    total = 0
    for i, item in enumerate(files, start=1):
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise ValueError(f"File {i} must be given as a (name, contents) pair.")
        name, data = item
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"File {i} needs a name (text).")
        if len(name) > MAX_FILE_NAME_CHARS:
            raise ValueError(f"The name of file {i} is {len(name):,} characters long; at most {MAX_FILE_NAME_CHARS}.")
        text = decode_upload(data, f"The file {quoted(name)}")
        total += len(text)
        if total > MAX_TEXT_CHARS:
            raise ValueError(
                f"The files hold more than {MAX_TEXT_CHARS:,} characters in all (the limit is reached at "
                f"{quoted(name)}): upload fewer or shorter files."
            )
        documents.append((name, text))
    return documents
