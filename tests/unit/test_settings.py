from azext_pyappsvc.platform.settings import MASK, looks_secret, managed_view, visible_value


def test_only_managed_keys_are_visible():
    assert visible_value("PRE_BUILD_COMMAND", "echo hi") == "echo hi"
    assert visible_value("DATABASE_PASSWORD", "hunter2") == MASK
    assert visible_value("MY_SETTING", "harmless") == MASK
    assert visible_value("WEBSITE_RUN_FROM_PACKAGE", "1") == "1"
    assert visible_value("WEBSITE_RUN_FROM_PACKAGE", "https://x.blob.core.windows.net/p.zip?sig=abc") == MASK


def test_managed_view_keeps_shape_and_unknowns():
    assert managed_view(None, ("A",)) is None
    assert managed_view({"SECRET_KEY": "x"}, ("PRE_BUILD_COMMAND",)) == {"PRE_BUILD_COMMAND": None}


def test_secret_names():
    assert all(looks_secret(n) for n in ("DB_PASSWORD", "SECRET_KEY", "API_TOKEN", "AzureWebJobsStorage__key",
                                         "MY_CONNECTION_STRING"))
    assert not any(looks_secret(n) for n in ("PRE_BUILD_COMMAND", "WEBSITES_PORT", "DEBUG"))
