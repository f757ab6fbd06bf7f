"""Every command of the project answers `--help` (argparse cannot format lazy texts)."""

import pytest
from django.core.management import get_commands, load_command_class

PROJECT_APPS = ("events", "partners", "beneficiaries", "indicators", "lieu_ressource")
COMMANDS = sorted(name for name, app in get_commands().items() if app in PROJECT_APPS)


def test_the_project_has_its_commands():
    assert {"compile_report", "seed_demo", "purge_personal_data", "check_worker"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_is_printed(name):
    command = load_command_class(get_commands()[name], name)
    text = command.create_parser("manage.py", name).format_help()
    assert f"manage.py {name}" in text
    if command.help:
        assert " ".join(str(command.help).split())[:40] in " ".join(text.split())
