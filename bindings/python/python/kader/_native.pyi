"""The native half of the kader package (Rust, through PyO3).

Each function takes and gives the JSON text of kader's JSON interface
(docs/json-api.md); ``kader/__init__.py`` builds the requests and reads the
responses. Python's lock is released while kader works.
"""

from typing import List, Optional, Union

class Compiled:
    """A framework compiled once."""

    @property
    def file_name(self) -> str: ...
    @property
    def source(self) -> str: ...
    def call(self, request: str) -> str:
        """Answers one request to the framework (without its ``framework`` field)."""
    def call_many(self, requests: List[str]) -> List[str]:
        """Answers each request on every core, the responses in input order."""

def compile(request: str) -> Union[Compiled, str]:
    """The framework of a request (``framework``, ``file_name``, ``bases``)
    compiled, or the JSON response of the ``check`` request that failed."""

def compile_file(path: str, frameworks_dir: Optional[str] = None) -> Union[Compiled, str]:
    """A framework file compiled, its bases found in ``frameworks_dir`` (by
    default the file's folder), or the JSON response of the ``check`` request
    that failed. Raises ``OSError`` when the file cannot be read."""

def call(request: str) -> str:
    """Answers one request of the JSON interface, the framework in the request."""
