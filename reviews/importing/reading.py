"""Reading a film file: bytes to text, text to rows of named values.

Files come from spreadsheets and film databases, so this module is forgiving about the
envelope (byte-order marks, Windows line endings, Latin-1, semicolons, trailing columns,
JSON arrays or JSON Lines) and strict only when the file cannot be read at all.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviews.importing.errors import ImportFileError
from reviews.importing.headers import SAMPLE, field_by_meaning, suggest_field

# Every field the importer knows, and the other names files commonly give it.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("name", "film", "film_title", "movie", "movie_title", "primary_title"),
    "year": ("release_year", "start_year"),
    "release_date": ("released", "release", "date", "us_release_date"),
    "mpaa_rating": (
        "mpaa",
        "mpa",
        "mpa_rating",
        "rated",
        "certificate",
        "certification",
        "mpaa_certificate",
        "mpaa_rated",
        "age_rating",
        "parental_rating",
        "content_rating",
    ),
    "running_time": (
        "runtime",
        "run_time",
        "runtime_minutes",
        "running_time_minutes",
        "length",
        "duration",
        "minutes",
        "running_length",
    ),
    "distributor": ("distributed_by", "distribution", "studio"),
    "genres": ("genre",),
    "external_id": ("imdb_id", "imdb", "tconst", "source_id", "ext_id"),
    "content_advisory": ("advisory",),
    "where_playing": ("playing", "where"),
    "language": ("languages", "spoken_language", "spoken_languages", "subtitles"),
    "synopsis": ("plot", "summary", "overview"),
    "directors": ("director", "directed_by"),
    "screenwriters": ("screenwriter", "writers", "writer", "written_by", "screenplay"),
    "producers": ("producer",),
    "composers": ("composer", "music"),
    "editors": ("editor", "film_editor", "edited_by"),
    "cinematographers": ("cinematographer", "director_of_photography", "cinematography"),
    "cast": ("actors", "stars", "starring"),
    "other_crew": ("other", "other_credits"),
}
FIELDS = tuple(FIELD_ALIASES)
_CANONICAL = {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases} | {
    name: name for name in FIELD_ALIASES
}

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


#: How a spreadsheet formula may start; exports put an apostrophe before such a cell (OWASP's
#: advice on CSV injection), and the importer takes it off.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def restore_formula_text(cell: str) -> str:
    """A CSV cell as the export neutralised it, back to its text: "'=x" is "=x"."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def column_key(name: str) -> str:
    """A column name as compared: "Release Date " and "release_date" are the same column."""
    return re.sub(r"[^0-9a-z]+", "_", name.strip().casefold()).strip("_")


def canonical_field(name: str) -> str | None:
    """The field a column name means: "Runtime (minutes)" and "Length, mins" are running_time."""
    return field_by_meaning(name, _CANONICAL)


def parse_mapping(pairs: list[str] | None) -> dict[str, str]:
    """``["Film Name=title"]`` as ``{"film_name": "title"}``; refuses unknown target fields."""
    mapping: dict[str, str] = {}
    for pair in pairs or []:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise ImportFileError(f'--map "{pair}": write it as COLUMN=FIELD, e.g. "Film=title"')
        target = canonical_field(new)
        if target is None:
            raise ImportFileError(
                f'--map "{pair}": unknown field "{new.strip()}" (known: {", ".join(FIELDS)})'
            )
        mapping[column_key(old)] = target
    return mapping


@dataclass
class RawRow:
    """One record of the file: its row number as an editor sees it, and its values by field."""

    number: int
    values: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    problem: str = ""


@dataclass
class ParsedFile:
    name: str
    format: str
    encoding: str
    rows: list[RawRow]
    ignored_columns: list[str] = field(default_factory=list)
    #: Ignored columns whose values look like a field's, with that field.
    suggestions: dict[str, str] = field(default_factory=dict)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of the file and the encoding it was read with.

    A byte-order mark wins; then UTF-8; a file that is not UTF-8 is read as Windows-1252,
    the superset of Latin-1 that spreadsheets write (Latin-1 when a byte is undefined there).
    ``encoding`` overrides the guess.
    """
    if encoding:
        return _decode_as(data, encoding), encoding
    return _decode_guessing(data)


def _decode_as(data: bytes, encoding: str) -> str:
    """The text in the encoding the editor named; a wrong name or a wrong guess is refused."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ImportFileError(f'unknown encoding "{encoding}"') from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"the file is not {encoding}: byte {error.start} (line {line}) cannot be decoded"
        ) from None
    except UnicodeError:  # codecs such as punycode report no position
        raise ImportFileError(f"the file is not {encoding}") from None
    except LookupError:  # base64, zlib, rot13...: codecs, but not text encodings
        raise ImportFileError(f'"{encoding}" is not a text encoding') from None
    return text.removeprefix("\ufeff")


def _decode_guessing(data: bytes) -> tuple[str, str]:
    """The text by its byte-order mark, else as UTF-8, else as Windows-1252 or Latin-1."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name).removeprefix("\ufeff"), name.removesuffix("-sig")
            except UnicodeDecodeError:
                raise ImportFileError(f"the file starts like {name} but is not") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def detect_format(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in {".json", ".jsonl", ".ndjson"}:
        return "json"
    if suffix in {".csv", ".tsv", ".txt"}:
        return "csv"
    if "\x00" in text[:4096]:
        raise ImportFileError(f"unknown format: {name} is a binary file; save it as CSV or JSON")
    stripped = text.lstrip()
    if stripped[:1] in {"[", "{"}:
        return "json"
    first_line = stripped.split("\n", 1)[0]
    if any(delimiter in first_line for delimiter in ",;\t"):
        return "csv"
    raise ImportFileError(f"unknown format: {name} is neither CSV nor JSON")


def read_file(
    data: bytes,
    name: str,
    *,
    encoding: str | None = None,
    mapping: dict[str, str] | None = None,
) -> ParsedFile:
    """Decode and split a whole file into rows; raise ImportFileError when it is unusable."""
    if not data.strip():
        raise ImportFileError(f"{name} is empty")
    text, used_encoding = decode(data, encoding)
    file_format = detect_format(name, text)
    reader = read_json if file_format == "json" else read_csv
    rows, ignored, samples = reader(text, mapping or {})
    taken = {name for row in rows for name in row.values}
    suggestions = {
        column: found
        for column, values in samples.items()
        if (found := suggest_field(values, taken))
    }
    return ParsedFile(name, file_format, used_encoding, rows, ignored, suggestions)


def _field_names(columns: list[str], mapping: dict[str, str]) -> tuple[list[str | None], list[str]]:
    """The importer's field for each column (None when ignored) and the ignored names."""
    fields: list[str | None] = []
    ignored: list[str] = []
    seen: set[str] = set()
    for column in columns:
        key = column_key(column)
        target = mapping.get(key) or canonical_field(column)
        if not key:
            fields.append(None)  # a blank header: a trailing column of a spreadsheet
        elif target is None or target in seen:
            fields.append(None)
            ignored.append(column.strip())
        else:
            fields.append(target)
            seen.add(target)
    return fields, ignored


def _no_title(columns: list[str]) -> ImportFileError:
    found = ", ".join(f'"{c.strip()}"' for c in columns if c.strip()) or "none"
    return ImportFileError(
        f"no title column (columns found: {found}); name one with --map COLUMN=title"
    )


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=counts.get)


Samples = dict[str, list[Any]]


def read_csv(text: str, mapping: dict[str, str]) -> tuple[list[RawRow], list[str], Samples]:
    lines = io.StringIO(text, newline="")
    first = next((line for line in text.splitlines() if line.strip()), "")
    records = csv.reader(lines, delimiter=_delimiter(first))
    try:
        numbered = [(number, record) for number, record in enumerate(records, start=1)]
    except csv.Error as error:
        raise ImportFileError(f"not a readable CSV file: {error}") from None
    numbered = [(n, r) for n, r in numbered if any(cell.strip() for cell in r)]
    if not numbered:
        raise ImportFileError("the file holds no rows")
    _, header = numbered[0]
    fields, ignored = _field_names(header, mapping)
    if "title" not in fields:
        raise _no_title(header)
    rows = []
    for number, record in numbered[1:]:
        values = {
            f: restore_formula_text(value)
            for f, value in zip(fields, record, strict=False)
            if f is not None
        }
        row = RawRow(number, values)
        beyond = [cell for cell in record[len(fields) :] if cell.strip()]
        if beyond:
            row.notes.append(f"ignored {len(beyond)} value(s) beyond the last column")
        rows.append(row)
    samples = {
        header[i].strip(): [record[i] for _, record in numbered[1:SAMPLE] if i < len(record)]
        for i, name in enumerate(fields)
        if name is None and header[i].strip()
    }
    return rows, ignored, samples


def _loaded(text: str) -> Any:
    """``json.loads``, with what it refuses beyond syntax said as an ImportFileError."""
    try:
        document = json.loads(text)
    except RecursionError:
        raise ImportFileError("not valid JSON: nested too deeply to be a list of films") from None
    except json.JSONDecodeError:
        raise
    except ValueError:  # Python reads no integer of more than 4300 digits
        raise ImportFileError("not valid JSON: a number is too long to read") from None
    try:
        # A lone surrogate escape ("\ud800") is half a character: no database stores it.
        json.dumps(document, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        raise ImportFileError(
            "not valid JSON: it holds a \\u escape of half a character (a lone surrogate "
            "such as \\ud800)"
        ) from None
    return document


def _json_records(text: str) -> list[Any]:
    try:
        document = _loaded(text)
    except json.JSONDecodeError as error:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1:  # JSON Lines: one object a line
            try:
                return [_loaded(line) for line in lines]
            except json.JSONDecodeError:
                pass
        raise ImportFileError(
            f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        lists = [value for value in document.values() if isinstance(value, list)]
        for key in ("films", "movies", "data", "results", "items"):
            if isinstance(document.get(key), list):
                return document[key]
        if len(lists) == 1:
            return lists[0]
        if any(canonical_field(key) == "title" for key in document):
            return [document]
    raise ImportFileError("JSON holds no list of films")


def read_json(text: str, mapping: dict[str, str]) -> tuple[list[RawRow], list[str], Samples]:
    records = _json_records(text)
    rows: list[RawRow] = []
    ignored: dict[str, None] = {}
    has_title = False
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            rows.append(RawRow(number, {}, problem=f"expected an object, found {_kind(record)}"))
            continue
        keys = list(record)
        fields, skipped = _field_names(keys, mapping)
        ignored.update(dict.fromkeys(skipped))
        values = {f: record[key] for f, key in zip(fields, keys, strict=True) if f is not None}
        has_title = has_title or "title" in values
        rows.append(RawRow(number, values))
    if not has_title:
        found = sorted({key for record in records if isinstance(record, dict) for key in record})
        raise _no_title(found)
    samples = {
        column: [r.get(column) for r in records[:SAMPLE] if isinstance(r, dict)]
        for column in ignored
    }
    return rows, list(ignored), samples


def _kind(value: Any) -> str:
    return {list: "a list", str: "text", type(None): "null", bool: "true/false"}.get(
        type(value), "a number"
    )
