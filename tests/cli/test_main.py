"""The `medvlm` command itself: every command is reachable, and a command imports only its group."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from medvlm.cli import COMMANDS, _command_in, build_parser
from tests.helpers import Run


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser(["--help"]).parse_args(["--help"])
    shown = capsys.readouterr().out
    for command in COMMANDS:
        assert f"    {command} " in shown or f"    {command}\n" in shown, command


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["validate"], "validate"),
        (["--root", "validate", "build"], "build"),  # a folder named like a command
        (["--root=x", "links", "check"], "links"),
        (["--version"], None),
        (["valdate"], None),
        ([], None),
    ],
)
def test_the_command_word_is_found_after_the_options(argv: list[str], command: str | None) -> None:
    assert _command_in(argv) == command


def test_a_typo_names_the_commands_it_could_be(mini_catalog: Path, run_cli: Run) -> None:
    result = run_cli(mini_catalog, "valdate")
    assert result.code == 2
    assert "invalid choice: 'valdate'" in result.err
    assert "'validate'" in result.err


def test_validate_imports_no_network_or_site_code(mini_catalog: Path) -> None:
    # What a command does not need, it does not load: starting `validate` stays quick.
    script = (
        "import sys\n"
        "from medvlm.cli import main\n"
        f"code = main(['--root', {str(mini_catalog)!r}, 'validate'])\n"
        "loaded = sorted(m for m in ('requests', 'bibtexparser', 'mkdocs', 'rich') if m in sys.modules)\n"
        "print(code, loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "0 []", result.stderr
