"""200 participants answer within 10 seconds: every answer stored, the slowest response.

    python benchmarks/collect.py [--people 200] [--within 10] [--burst]

Starts ``inddrag collect`` as the leader would (its own process, 127.0.0.1, a free port,
``--rate`` raised: every simulated phone comes from this one address), then lets
``--people`` phones arrive evenly over ``--within`` seconds (or all at once with
``--burst``). Each phone loads the page, then sends an answer (a ranking of five advice,
a comment on two), as a browser would (the form's CSRF token, its own cookie). Prints the
slowest and the 95th-percentile response of each kind and how many files were stored.
Used by ``benchmarks/run.py --only collect``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


async def _phone(url: str, start: float, index: int, times: dict[str, list[float]]) -> bool:
    import aiohttp

    await asyncio.sleep(max(0.0, start - time.perf_counter()))
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        began = time.perf_counter()
        async with http.get(url) as response:
            page = await response.text()
        times["get"].append(time.perf_counter() - began)
        found = re.search(r'name="csrf" value="([^"]+)"', page)
        if found is None:
            return False
        ids = ["tidligt", "konsekvenser", "rammer", "agile", "usynligt"]
        order = ids[index % 5 :] + ids[: index % 5]
        form = {"csrf": found.group(1), "name": f"Deltager {index}"}
        form.update({f"place-{a}": str(n) for n, a in enumerate(order, 1)})
        form[f"comment-{order[0]}"] = f"Kommentar nummer {index} " * 5
        form[f"comment-{order[1]}"] = "Vi skal høres, før det besluttes."
        began = time.perf_counter()
        async with http.post(url, data=form, allow_redirects=False) as response:
            await response.read()
            ok = response.status == 303
        times["post"].append(time.perf_counter() - began)
        return ok


async def _crowd(url: str, people: int, within: float, burst: bool) -> dict[str, object]:
    times: dict[str, list[float]] = {"get": [], "post": []}
    t0 = time.perf_counter() + 0.2
    starts = [t0 if burst else t0 + within * i / people for i in range(people)]
    began = time.perf_counter()
    results = await asyncio.gather(*(_phone(url, s, i, times) for i, s in enumerate(starts)))
    took = time.perf_counter() - began

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]

    return {
        "accepted": sum(results),
        "seconds": took,
        "get_max": max(times["get"]),
        "get_p95": p95(times["get"]),
        "post_max": max(times["post"]),
        "post_p95": p95(times["post"]),
        "slowest": max(times["get"] + times["post"]),
    }


def measure(people: int = 200, within: float = 10.0, burst: bool = False) -> dict[str, object]:
    """Run the crowd against a fresh ``inddrag collect``; the figures and the files stored."""
    from inddrag.domain.content import load_pack
    from inddrag.domain.packs import bundled_pack_dir
    from inddrag.domain.session import new_session
    from inddrag.domain.storage import save_session

    with tempfile.TemporaryDirectory(prefix="inddrag-collect-bench-") as tmp:
        folder = Path(tmp)
        team = new_session(load_pack(bundled_pack_dir("da")), "team")
        team.session.title = "Benchmark"
        save_session(team, folder / "hold.toml")
        command = [sys.executable, "-m", "inddrag", "--lang", "da", "collect", "hold.toml"]
        process = subprocess.Popen(
            [*command, "--port", "0", "--rate", str(people * 2)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=folder,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            assert process.stdout is not None
            url = ""
            for line in process.stdout:
                if line.startswith("http://"):
                    url = line.strip()
                if line.startswith("0 har svaret"):
                    break
            result = asyncio.run(_crowd(url, people, within, burst))
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
        result["stored"] = len(list((folder / "hold-svar").glob("svar-*.toml")))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--within", type=float, default=10.0)
    parser.add_argument("--burst", action="store_true", help="everyone at the same moment")
    parser.add_argument("--url", help="only the phones, against a server already running here")
    args = parser.parse_args(argv)
    if args.url:
        result = asyncio.run(_crowd(args.url, args.people, args.within, args.burst))
        result["stored"] = result["accepted"]
    else:
        result = measure(args.people, args.within, args.burst)
    how = "at once" if args.burst else f"evenly over {args.within:g} s"
    print(f"{args.people} participants {how}: {result['stored']} answers stored")
    print(f"  took {result['seconds']:.1f} s")
    for kind in ("get", "post"):
        high, p95 = result[f"{kind}_max"], result[f"{kind}_p95"]
        assert isinstance(high, float) and isinstance(p95, float)
        print(f"  {kind.upper():4} slowest {high * 1e3:.0f} ms, 95th percentile {p95 * 1e3:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
