"""The README's production steps are the ones the image, the compose stack and the
production-mode suite run: all of them go through bin/production."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bin" / "production"


def readme_production_section():
    text = (ROOT / "README.md").read_text()
    return text.split("\n## Production\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_gives_every_production_step():
    section = readme_production_section()
    for step in ("setup", "web", "worker", "beat"):
        assert re.search(rf"^bin/production {step}\b", section, re.MULTILINE), step


def test_the_production_suite_runs_the_readme_steps():
    fixture = (ROOT / "tests" / "e2e" / "production" / "conftest.py").read_text()
    for step in ("setup", "web", "worker"):
        assert f'[SCRIPT, "{step}"' in fixture, step


def test_the_image_and_the_compose_stack_run_the_same_script():
    assert "RUN bin/production assets" in (ROOT / "Dockerfile").read_text()
    compose = (ROOT / "docker-compose.yml").read_text()
    for step in ("migrate", "web", "worker", "beat"):
        assert f"bin/production {step}" in compose, step


def test_setup_is_assets_migrate_and_check():
    text = SCRIPT.read_text()
    setup = text.split("    setup)\n", 1)[1].split(";;", 1)[0]
    assert [line.strip() for line in setup.strip().splitlines()] == [
        '"$0" assets',
        '"$0" migrate',
        '"$0" check',
    ]


def test_an_unknown_step_prints_the_usage():
    result = subprocess.run([SCRIPT, "deploy"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "bin/production setup" in result.stderr
