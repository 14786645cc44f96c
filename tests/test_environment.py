"""The dependency files agree: pyproject.toml is the source, requirements.lock pins it,
environment.yml repeats the lock for conda users."""
import importlib.util
import re
import tomllib

from sufficiency.core.paths import PROJECT_ROOT

spec = importlib.util.spec_from_file_location("write_env", PROJECT_ROOT / "scripts" / "write_environment_yml.py")
write_env = importlib.util.module_from_spec(spec)
spec.loader.exec_module(write_env)


def _lock_pins():
    return write_env.locked_pins((PROJECT_ROOT / "requirements.lock").read_text())


def test_environment_yml_matches_lock():
    expected = write_env.render(_lock_pins())
    assert (PROJECT_ROOT / "environment.yml").read_text() == expected, "run `make lock` to regenerate environment.yml"


def test_every_direct_dependency_is_pinned_in_lock():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + [d for deps in project["optional-dependencies"].values() for d in deps]
    pinned = {re.split(r"==", p)[0].lower().replace("_", "-") for p in _lock_pins()}
    names = {re.split(r"[<>=!\[ ]", d)[0].lower().replace("_", "-") for d in wanted}
    assert names - pinned == set()


def test_jupyter_book_is_1x():
    pins = dict(p.split("==") for p in _lock_pins())
    assert pins["jupyter-book"].startswith("1."), "Jupyter Book 2.x cannot fetch its theme offline"
