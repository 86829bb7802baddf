"""Every rule file is validated the same way: strict models, errors that name the file and the key."""

from __future__ import annotations

import shutil

import pytest
import yaml

from pipeline.core.rules import (
    DATA_DIR,
    RuleFileError,
    RuleModel,
    load_rule_file,
    read_yaml,
    schema_for,
    shipped_rule_files,
)
from pipeline.stages import REGISTRY


@pytest.fixture(scope="module", autouse=True)
def stage_rules():
    """Import every stage's rules module: each registers the models of its files."""
    import importlib

    for entry in REGISTRY:
        importlib.import_module(f"pipeline.stages.{entry.name}.rules")
    importlib.import_module("pipeline.layout.boilerplate")


SHIPPED = shipped_rule_files()


def test_the_rule_files_are_found():
    assert len(SHIPPED) >= 13 and all(p.is_file() for p in SHIPPED)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(DATA_DIR).as_posix())
def test_every_shipped_rule_file_has_a_model_and_loads(path):
    model = schema_for(path)
    assert model is not None, f"{path} has no registered rule model: register one with @rule_file"
    assert issubclass(model, RuleModel)
    load_rule_file(path, model)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(DATA_DIR).as_posix())
def test_a_typo_key_fails_with_the_path_and_the_key(path, tmp_path):
    data = read_yaml(path)
    assert isinstance(data, dict)
    data["lables_typo"] = ["x"]
    broken = tmp_path / path.name
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rule_file(broken, schema_for(path))
    assert str(broken) in str(err.value) and "'lables_typo'" in str(err.value)
    assert err.value.key == "lables_typo"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(DATA_DIR).as_posix())
def test_a_wrong_type_fails_with_the_key(path, tmp_path):
    data = read_yaml(path)
    key = next(k for k, v in data.items() if isinstance(v, (list, dict)))
    data[key] = 12345
    broken = tmp_path / path.name
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rule_file(broken, schema_for(path))
    assert err.value.key is not None and err.value.key.split(".")[0] == key


def test_broken_yaml_names_the_file_and_the_line(tmp_path):
    bad = tmp_path / "cues.yaml"
    bad.write_text("verbs:\n  - say\n  bad: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"cues\.yaml: line \d+: not valid YAML"):
        read_yaml(bad)


def test_python_tags_are_refused(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("a: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="not valid YAML"):
        read_yaml(bad)


def test_a_stage_loader_reports_a_user_file_by_path(tmp_path):
    """A copy of the provisions rule folder with a typo: the stage's own loader names the file."""
    from pipeline.stages.provisions.rules import DATA, RuleData

    folder = tmp_path / "provisions"
    shutil.copytree(DATA, folder)
    cues = folder / "cues.yaml"
    cues.write_text(cues.read_text(encoding="utf-8") + "\nparty_verb: [insist]\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"cues\.yaml: key 'party_verb'"):
        RuleData(folder)
