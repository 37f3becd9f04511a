"""kader for Python: evaluate school locations against a Veilige School framework.

A :class:`Framework` is compiled once, when it is made; evaluating a
location gives the result document ``kader eval --format json`` writes, as a
``dict``, value for value::

    import kader

    fw = kader.Framework.from_file("frameworks/basiskader.kader")
    result = fw.evaluate({"location": {"id": "brin-12AB-01"}, "as_of": "2026-11-30",
                          "evidence": {"school": {"type": "vo"}}}, stage="audit")
    print(result["verdict"])

Everything goes through kader's JSON interface (``docs/json-api.md``), the
same function every binding and the command line use; Python's lock is
released while kader works, so threads sharing one framework run at the
same time and :meth:`Framework.evaluate_many` uses every core.

Problems raise :class:`FrameworkError` (with :class:`Diagnostic` records),
:class:`EvidenceError` (with :class:`Problem` records and their evidence
paths) or :class:`RequestError` (an argument kader does not take);
warnings (an undeclared evidence key, a checker's warning) are Python
warnings, :class:`EvidenceWarning` and :class:`FrameworkWarning`.
See ``docs/python.md``.
"""

from __future__ import annotations

import datetime
import json
import os
import warnings
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Literal, Mapping, NoReturn, Optional, Tuple, Union

from . import _native

__all__ = [
    "Diagnostic",
    "EvidenceError",
    "EvidenceWarning",
    "Framework",
    "FrameworkError",
    "FrameworkWarning",
    "KaderError",
    "Problem",
    "RequestError",
    "Lang",
    "Stage",
    "Evidence",
    "DateLike",
    "Document",
    "call",
    "__version__",
]

#: A location's evidence: the document as a mapping (as ``json.load`` gives
#: it), its JSON or TOML text, or the path of a ``.json`` or ``.toml`` file.
Evidence = Union[Mapping[str, Any], str, os.PathLike[str]]
#: A date: ``"2026-11-30"`` or a :class:`datetime.date`.
DateLike = Union[str, datetime.date]
#: A result, plan or schema document, as ``json.loads`` gives it.
Document = Dict[str, Any]
#: The stage of an evaluation: intake (lenient) or audit (strict).
Stage = Literal["intake", "audit"]
#: The language of the words kader writes itself.
Lang = Literal["nl", "en"]

#: How many locations :meth:`Framework.evaluate_many` hands to kader at once.
_CHUNK = 1024


def call(request: str) -> str:
    """Answers one request of kader's JSON interface (``docs/json-api.md``).

    The framework's source text is in the request; this is the interface
    itself, unchanged: JSON text in, JSON text out, never an exception.
    """
    return _native.call(request)


def _kader_version() -> str:
    response = json.loads(_native.call('{"op": "version"}'))
    return str(response["result"]["version"])


#: kader's version (the library's, the same as ``kader --version``).
__version__: str = _kader_version()


# ------------------------------------------------------------------ records


@dataclass(frozen=True)
class Diagnostic:
    """A problem in a framework, as ``kader check --format json`` writes it."""

    #: The stable code, such as ``E0201`` (``docs/diagnostics.md`` lists them).
    code: str
    #: ``"error"`` or ``"warning"``.
    severity: str
    #: The file it is in.
    file: str
    #: 1-based line and column (in characters) of its start.
    line: int
    column: int
    #: 1-based line and column of its end.
    end_line: int
    end_column: int
    #: What is wrong.
    message: str
    #: How to fix it.
    help: Optional[str] = None
    #: Byte offsets ``(start, end)`` in the source text.
    span: Tuple[int, int] = (0, 0)
    #: Places in other files that explain it (a layer's base).
    notes: Tuple[str, ...] = ()

    @classmethod
    def _of(cls, record: Mapping[str, Any]) -> Diagnostic:
        span = record.get("span") or (0, 0)
        return cls(
            code=str(record["code"]),
            severity=str(record["severity"]),
            file=str(record["file"]),
            line=int(record["line"]),
            column=int(record["column"]),
            end_line=int(record["end_line"]),
            end_column=int(record["end_column"]),
            message=str(record["message"]),
            help=record.get("help"),
            span=(int(span[0]), int(span[1])),
            notes=tuple(record.get("notes") or ()),
        )

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.severity}[{self.code}]: {self.message}"
        return f"{text} ({self.help})" if self.help else text


@dataclass(frozen=True)
class Problem:
    """A problem in a location's evidence, tied to the path it concerns."""

    #: The path in the evidence document (``evidence.monitor.response_rate``,
    #: ``as_of``), or ``""`` for the whole document.
    path: str
    #: What is wrong.
    message: str
    #: How to fix it.
    help: Optional[str] = None
    #: For text that does not parse: 1-based line and column.
    line: Optional[int] = None
    column: Optional[int] = None

    @classmethod
    def _of(cls, record: Mapping[str, Any]) -> Problem:
        return cls(
            path=str(record.get("path", "")),
            message=str(record["message"]),
            help=record.get("help"),
            line=record.get("line"),
            column=record.get("column"),
        )

    def __str__(self) -> str:
        place = self.path or "the document"
        if self.line is not None:
            place = f"{place} (line {self.line}, column {self.column})"
        text = f"{place}: {self.message}"
        return f"{text} ({self.help})" if self.help else text


# ------------------------------------------------------------------ errors


class KaderError(Exception):
    """Every error kader raises."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        #: What went wrong, in one sentence.
        self.message = message


class FrameworkError(KaderError):
    """A framework that does not compile: every problem the checker found."""

    def __init__(self, message: str, diagnostics: List[Diagnostic]) -> None:
        lines = [message, *(f"  {d}" for d in diagnostics)]
        super().__init__("\n".join(lines))
        self.message = message
        #: The problems, errors and warnings, in the order of the file.
        self.diagnostics = diagnostics


class EvidenceError(KaderError):
    """Evidence that cannot be evaluated: every problem, with its path."""

    def __init__(
        self,
        message: str,
        problems: List[Problem],
        index: Optional[int] = None,
        source: Optional[str] = None,
    ) -> None:
        lines = [message, *(f"  {p}" for p in problems)]
        super().__init__("\n".join(lines))
        self.message = message
        #: The problems, each with its evidence path.
        self.problems = problems
        #: For :meth:`Framework.evaluate_many`: the position of the
        #: location in the input.
        self.index = index
        #: The file the evidence was read from, when it was a path.
        self.source = source


class RequestError(KaderError, ValueError):
    """An argument kader does not take (a stage, a language, a date)."""

    def __init__(self, message: str, field: Optional[str], help: Optional[str]) -> None:
        super().__init__(f"{message} ({help})" if help else message)
        self.message = message
        #: The argument, by its name in the JSON interface.
        self.field = field
        #: How to fix it.
        self.help = help


class FrameworkWarning(UserWarning):
    """A warning of the checker about a framework (it still compiled)."""


class EvidenceWarning(UserWarning):
    """Something in a location's evidence that was ignored, such as an undeclared key."""


def _raise(
    error: Mapping[str, Any], index: Optional[int] = None, source: Optional[str] = None
) -> NoReturn:
    """Raises the exception for a response's ``error``."""
    kind = error.get("kind")
    message = str(error.get("message", "kader failed"))
    if source is not None:
        message = f"{source}: {message}"
    if kind == "framework":
        diagnostics = [Diagnostic._of(d) for d in error.get("diagnostics", [])]
        raise FrameworkError(message, diagnostics)
    if kind in ("evidence", "exceptions"):
        problems = [Problem._of(p) for p in error.get("problems", [])]
        raise EvidenceError(message, problems, index=index, source=source)
    if kind == "request":
        raise RequestError(message, error.get("field"), error.get("help"))
    raise RuntimeError(message)


def _warn(response: Mapping[str, Any], source: Optional[str], stacklevel: int) -> None:
    """Evidence warnings of a response as Python warnings."""
    for warning in response.get("warnings", []):
        if warning.get("kind") == "evidence":
            text = str(Problem._of(warning))
            if source is not None:
                text = f"{source}: {text}"
            warnings.warn(text, EvidenceWarning, stacklevel=stacklevel + 1)


# ------------------------------------------------------------------ requests


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"kader cannot put {type(value).__name__} into an evidence document")


def _date(value: Optional[DateLike]) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return value.isoformat()


def _evidence_fields(evidence: Evidence) -> Tuple[Dict[str, Any], Optional[str]]:
    """The request's ``evidence`` fields, and the file they were read from."""
    if isinstance(evidence, Mapping):
        return {"evidence": dict(evidence)}, None
    if isinstance(evidence, str):
        toml = not evidence.lstrip().startswith("{")
        return {"evidence": evidence, "evidence_format": "toml" if toml else "json"}, None
    if isinstance(evidence, os.PathLike):
        path = os.fspath(evidence)
        with open(path, encoding="utf-8") as file:
            text = file.read()
        toml = path.lower().endswith(".toml")
        return {"evidence": text, "evidence_format": "toml" if toml else "json"}, path
    raise TypeError(
        "evidence is a mapping, JSON or TOML text, or the path of a file, "
        f"not {type(evidence).__name__}"
    )


# ------------------------------------------------------------------ frameworks


class Framework:
    """A framework, compiled once; evaluates locations' evidence.

    ``source`` is the framework's text; ``bases`` the texts of the frameworks
    a layer extends, by id (``{"basiskader": "..."}``); ``file_name`` the name
    its diagnostics give it. Raises :class:`FrameworkError` when it does not
    compile. A framework never changes: share one between threads.
    """

    _compiled: _native.Compiled
    _info: Dict[str, Any]

    def __init__(
        self,
        source: str,
        *,
        bases: Optional[Mapping[str, str]] = None,
        file_name: str = "framework.kader",
    ) -> None:
        request: Dict[str, Any] = {"framework": source, "file_name": file_name}
        if bases:
            request["bases"] = dict(bases)
        self._init(_native.compile(json.dumps(request, ensure_ascii=False)))

    @classmethod
    def from_file(
        cls,
        path: Union[str, os.PathLike[str]],
        *,
        frameworks_dir: Union[str, os.PathLike[str], None] = None,
    ) -> Framework:
        """Reads and compiles a framework file.

        The frameworks a layer extends are found by id (``ID.kader``) in
        ``frameworks_dir`` and the folders below it, by default the file's
        own folder, as ``kader --frameworks DIR`` finds them. A file that
        cannot be read raises :class:`OSError`.
        """
        framework = cls.__new__(cls)
        framework._init(
            _native.compile_file(
                os.fspath(path), None if frameworks_dir is None else os.fspath(frameworks_dir)
            )
        )
        return framework

    def _init(self, compiled: Union[_native.Compiled, str]) -> None:
        if isinstance(compiled, str):
            _raise(json.loads(compiled)["error"])
        self._compiled = compiled
        response = self._ask({"op": "check"})
        self._info = response["result"]["framework"]
        for record in response["result"]["diagnostics"]:
            warnings.warn(str(Diagnostic._of(record)), FrameworkWarning, stacklevel=3)

    def _ask(self, request: Mapping[str, Any], source: Optional[str] = None) -> Dict[str, Any]:
        """Sends one request; the response, or the exception of its error."""
        text = self._compiled.call(json.dumps(request, ensure_ascii=False, default=_json_default))
        response: Dict[str, Any] = json.loads(text)
        if not response.get("ok"):
            _raise(response.get("error", {}), source=source)
        return response

    # ---------------------------------------------------------------- facts

    @property
    def id(self) -> str:
        """The framework's id (``basiskader``)."""
        return str(self._info["id"])

    @property
    def title(self) -> str:
        """The framework's title."""
        return str(self._info["title"])

    @property
    def version(self) -> str:
        """The framework's version (``2026.1``)."""
        return str(self._info["version"])

    @property
    def language(self) -> str:
        """The language it is written in, ``nl`` or ``en``: the default of ``lang``."""
        return str(self._info["language"])

    @property
    def extends(self) -> List[Tuple[str, str]]:
        """The frameworks a layer builds on, nearest first: ``[(id, version)]``."""
        return [(str(e["id"]), str(e["version"])) for e in self._info["extends"]]

    @property
    def file_name(self) -> str:
        """The name its diagnostics give it."""
        return self._compiled.file_name

    @property
    def source(self) -> str:
        """The framework's source text."""
        return self._compiled.source

    def __repr__(self) -> str:
        return f"<kader.Framework {self.id} {self.version!r} from {self.file_name!r}>"

    # ---------------------------------------------------------------- operations

    def check(self, *, as_of: Optional[DateLike] = None) -> List[Diagnostic]:
        """The checker's warnings, as ``kader check --format json`` lists them.

        With ``as_of``, also the analysis's warnings judged on that date
        (W0269-W0274), as ``kader check`` judges them on today. (A framework
        with errors does not get this far: it raises when it is made.)
        """
        response = self._ask({"op": "check", "as_of": _date(as_of)})
        return [Diagnostic._of(d) for d in response["result"]["diagnostics"]]

    def _request(
        self,
        op: str,
        evidence: Evidence,
        stage: Stage,
        lang: Optional[Lang],
        as_of: Optional[DateLike],
        exceptions: Union[Mapping[str, Any], str, None],
    ) -> Tuple[Dict[str, Any], Optional[str]]:
        fields, source = _evidence_fields(evidence)
        request: Dict[str, Any] = {"op": op, "stage": stage, "lang": lang, "as_of": _date(as_of)}
        if exceptions is not None:
            request["exceptions"] = exceptions if isinstance(exceptions, str) else dict(exceptions)
        request.update(fields)
        return request, source

    def evaluate(
        self,
        evidence: Evidence,
        *,
        stage: Stage = "intake",
        lang: Optional[Lang] = None,
        as_of: Optional[DateLike] = None,
        exceptions: Union[Mapping[str, Any], str, None] = None,
    ) -> Document:
        """Evaluates one location: the result document, as ``kader eval --format json``.

        ``stage`` is ``"intake"`` or ``"audit"``; ``lang`` (``"nl"`` or
        ``"en"``) the language of kader's own words, by default the
        framework's; ``as_of`` judges the evidence on that date instead of
        the document's own; ``exceptions`` is the certifying body's register
        of exceptions (a mapping, or its JSON or TOML text).
        """
        request, source = self._request("evaluate", evidence, stage, lang, as_of, exceptions)
        response = self._ask(request, source)
        _warn(response, source, stacklevel=2)
        result: Document = response["result"]
        return result

    def evaluate_many(
        self,
        evidence: Iterable[Evidence],
        *,
        stage: Stage = "intake",
        lang: Optional[Lang] = None,
        as_of: Optional[DateLike] = None,
        exceptions: Union[Mapping[str, Any], str, None] = None,
    ) -> List[Document]:
        """Evaluates many locations on every core: the result documents, in input order.

        Takes :meth:`evaluate`'s arguments, the same for every location.
        Python's lock is released while kader works. The first location
        whose evidence has errors raises :class:`EvidenceError`, its
        ``index`` the location's position in the input.
        """
        results: List[Document] = []
        chunk: List[Tuple[str, Optional[str]]] = []

        def work() -> None:
            responses = self._compiled.call_many([request for request, _ in chunk])
            for text, (_, source) in zip(responses, chunk):
                response = json.loads(text)
                if not response.get("ok"):
                    _raise(response.get("error", {}), index=len(results), source=source)
                _warn(response, source, stacklevel=3)
                results.append(response["result"])
            chunk.clear()

        for item in evidence:
            request, source = self._request("evaluate", item, stage, lang, as_of, exceptions)
            chunk.append((json.dumps(request, ensure_ascii=False, default=_json_default), source))
            if len(chunk) >= _CHUNK:
                work()
        if chunk:
            work()
        return results

    def plan(
        self,
        evidence: Evidence,
        *,
        stage: Stage = "intake",
        lang: Optional[Lang] = None,
        as_of: Optional[DateLike] = None,
        exceptions: Union[Mapping[str, Any], str, None] = None,
        by: Optional[Literal["owner"]] = None,
    ) -> Document:
        """The improvement plan of one location, as ``kader plan --format json``.

        Takes :meth:`evaluate`'s arguments; ``by="owner"`` groups the
        actions per partner, as ``kader plan --by owner``.
        """
        request, source = self._request("plan", evidence, stage, lang, as_of, exceptions)
        request["by"] = by
        response = self._ask(request, source)
        _warn(response, source, stacklevel=2)
        result: Document = response["result"]
        return result

    def schema(self) -> Document:
        """The JSON Schema of this framework's evidence document, as ``kader schema``."""
        result: Document = self._ask({"op": "schema"})["result"]
        return result

    def format(self) -> str:
        """The framework's source text in kader's canonical layout, as ``kader fmt``."""
        return str(self._ask({"op": "format"})["result"]["source"])
