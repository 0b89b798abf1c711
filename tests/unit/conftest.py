import pytest

from azext_pyappsvc.adapters.files import scan
from azext_pyappsvc.platform.project import build_facts


@pytest.fixture
def make_project(tmp_path):
    """make_project({"app.py": "...", "src/": None}) -> ProjectFacts of that tree (real files, real scan)."""
    counter = iter(range(1000))

    def make(tree, settings=None):
        root = tmp_path / "project{}".format(next(counter))
        root.mkdir()
        for path, text in tree.items():
            target = root / path
            if path.endswith("/"):
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text if isinstance(text, bytes) else (text or "").encode("utf-8"))
        return build_facts(scan(str(root)), (settings or {}).get("CUSTOM_REQUIREMENTSTXT_PATH"))
    return make
