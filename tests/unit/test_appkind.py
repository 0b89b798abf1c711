import pytest

from azext_pyappsvc.platform.appkind import CONTAINER, FLEX, LINUX, WINDOWS, classify


@pytest.mark.parametrize("kind, reserved, fx, fac, sku, platform, is_function", [
    ("app,linux", True, "PYTHON|3.12", None, "Standard", LINUX, False),
    ("functionapp,linux", True, "Python|3.11", None, "Dynamic", LINUX, True),
    ("functionapp,linux", True, "", {"runtime": {"name": "python"}}, "FlexConsumption", FLEX, True),
    ("functionapp,linux", True, "", None, "FlexConsumption", FLEX, True),
    ("app,linux,container", True, "DOCKER|nginx", None, "Standard", CONTAINER, False),
    ("app,linux", True, "DOCKER|nginx", None, "Standard", CONTAINER, False),
    ("app,linux", True, "sitecontainers", None, "Standard", CONTAINER, False),
    ("app", False, "", None, "Standard", WINDOWS, False),
    ("functionapp", False, "", None, "Dynamic", WINDOWS, True),
    ("APP,LINUX", None, "", None, None, LINUX, False),
    ("app", True, "", None, None, LINUX, False),   # reserved is the reliable Linux flag
    (None, None, None, None, None, WINDOWS, False),
])
def test_classify(kind, reserved, fx, fac, sku, platform, is_function):
    result = classify(kind, reserved, fx, fac, sku)
    assert (result.platform, result.is_function_app) == (platform, is_function)
    assert result.is_linux_code_app == (platform in (LINUX, FLEX))
