"""Many threads share one framework; kader works without Python's lock."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List

import kader
from conftest import ROOT, sample_paths


def test_many_threads_at_once_get_what_one_gets(basiskader: kader.Framework) -> None:
    paths = sample_paths()
    expected = {
        (p, stage): basiskader.evaluate(p, stage=stage)
        for p in paths
        for stage in ("intake", "audit")
    }
    jobs = [(p, stage) for (p, stage) in expected for _ in range(4)]

    def work(job: Any) -> Dict[str, Any]:
        path, stage = job
        return basiskader.evaluate(path, stage=stage)

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(work, jobs))
    assert results == [expected[job] for job in jobs]

    with ThreadPoolExecutor(max_workers=4) as pool:
        batches = list(pool.map(lambda _: basiskader.evaluate_many(paths), range(8)))
    one = [expected[(p, "intake")] for p in paths]
    assert all(batch == one for batch in batches)


def test_kader_releases_the_lock_while_it_works(basiskader: kader.Framework) -> None:
    """A Python thread keeps running while kader evaluates a large batch."""
    lines = [
        line
        for line in (ROOT / "samples" / "batch.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    requests = [f'{{"op": "evaluate", "evidence": {line}}}' for line in lines] * 400
    ticks: List[int] = [0]
    done = threading.Event()

    def tick() -> None:
        while not done.is_set():
            ticks[0] += 1

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        # How fast the ticker counts with the lock to itself.
        before = ticks[0]
        time.sleep(0.1)
        rate = (ticks[0] - before) / 0.1
        before = ticks[0]
        started = time.perf_counter()
        responses = basiskader._compiled.call_many(requests)
        took = time.perf_counter() - started
        during = ticks[0] - before
    finally:
        done.set()
        ticker.join()
    assert len(responses) == len(requests)
    assert took > 0.05, f"the batch took {took:.3f}s: too little to tell"
    # Holding the lock, kader would leave the ticker one switch interval
    # (5 ms) at most; without it, the ticker counts all the while, sharing
    # the cores with kader's threads.
    share = during / (rate * took)
    assert share > 0.1, f"the ticker counted {during} in {took:.3f}s, at {rate:.0f}/s alone"
