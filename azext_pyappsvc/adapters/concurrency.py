# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Independent requests go out together: the one place threads are made."""

from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Callable, Iterable, List, Optional


def gather(*calls: Optional[Callable]) -> list:
    """Run the given zero-argument callables concurrently; their results in order (None for a None call).
    The first exception raised by a call is raised here, after every call has finished."""
    live = [call for call in calls if call is not None]
    if len(live) <= 1:
        return [call() if call is not None else None for call in calls]
    with ThreadPoolExecutor(max_workers=len(live)) as pool:
        futures = [pool.submit(call) if call is not None else None for call in calls]
        return [future.result() if future is not None else None for future in futures]


def bounded_map(function: Callable, items: Iterable, limit: int, progress: Optional[Callable] = None) -> List:
    """function(item) for every item, at most `limit` at a time, results in the items' order;
    `progress(done, total)` after each one."""
    items = list(items)
    results = [None] * len(items)
    if not items:
        return results
    with ThreadPoolExecutor(max_workers=max(1, min(limit, len(items)))) as pool:
        futures = {pool.submit(function, item): index for index, item in enumerate(items)}
        for done, future in enumerate(as_completed(futures), 1):
            results[futures[future]] = future.result()
            if progress:
                progress(done, len(items))
    return results
