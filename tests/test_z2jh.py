"""deploy/z2jh: the Zero to JupyterHub values and single-user image an admin deploys for several classes.

Fast and offline: the values are read, the Python they carry (the Hub's pre_spawn_hook, the servers'
nbgrader config) is run with stand-ins, and the Dockerfile is read. The chart's own schema is checked only
when ``Z2JH_CHART`` names an unpacked chart folder (the chart is on no package registry this project uses).
"""

from __future__ import annotations

import copy
import os
import re
import types
from pathlib import Path

import pytest
import yaml
from traitlets.config import Config

from course.participant import PROFILE

ROOT = Path(__file__).resolve().parents[1]
Z2JH = ROOT / "deploy" / "z2jh"
CONFIG = Z2JH / "config.yaml"
DOCKERFILE = Z2JH / "Dockerfile"
BASE_IMAGES = ("quay.io/jupyter/minimal-notebook", "quay.io/jupyterhub/k8s-singleuser-sample")


class _StrictLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice (the plain loader silently keeps the last one)."""


def _mapping_without_duplicates(loader, node, deep=False):
    keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
    repeated = sorted({str(key) for key in keys if keys.count(key) > 1})
    if repeated:
        raise yaml.constructor.ConstructorError(None, None, f"key given twice: {', '.join(repeated)}", node.start_mark)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506 (a SafeLoader)


def _nbgrader_config(values: dict) -> Config:
    """Run the nbgrader_config.py that config.yaml mounts in every server; return what it configured."""
    config = Config()
    source = values["singleuser"]["extraFiles"]["nbgrader-config"]["stringData"]
    exec(compile(source, "nbgrader_config.py", "exec"), {"get_config": lambda: config})  # noqa: S102
    return config


def _pre_spawn_hook(values: dict):
    """The Hub's pre_spawn_hook from hub.extraConfig, and the profile path it uses."""
    config = Config()
    namespace = {"c": config}
    exec(compile(values["hub"]["extraConfig"]["kursus-profiles"], "kursus-profiles", "exec"), namespace)  # noqa: S102
    return config.KubeSpawner.pre_spawn_hook, namespace["KURSUS_PROFILE"]


def _spawn(values: dict, name: str, admin: bool) -> types.SimpleNamespace:
    hook, _ = _pre_spawn_hook(values)
    spawner = types.SimpleNamespace(user=types.SimpleNamespace(name=name, admin=admin), environment={"KEEP": "1"},
                                    mem_limit=None, mem_guarantee=None, cpu_limit=None, cpu_guarantee=None)
    hook(spawner)
    return spawner


def _dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "") for line in lines]


def _dockerfile_env() -> dict[str, str]:
    environment = {}
    for instruction, arguments in _dockerfile():
        if instruction == "ENV":
            environment.update(re.findall(r"(\w+)=(\S+)", arguments))
    return environment


def test_values_parse_and_no_key_is_given_twice():
    """Does config.yaml parse, with no key given twice (a second "JupyterHub:" would silently replace the first)?"""
    loaded = yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506
    assert {"hub", "singleuser", "cull"} <= set(loaded)
    with pytest.raises(yaml.constructor.ConstructorError, match="twice"):
        yaml.load("hub:\n  config:\n    JupyterHub: {a: 1}\n    JupyterHub: {b: 2}\n", Loader=_StrictLoader)  # noqa: S506


def test_exchange_volume_is_mounted_where_nbgrader_looks(values):
    """Is the shared ReadWriteMany claim mounted in every server at the c.Exchange.root the servers' nbgrader uses?"""
    storage = values["singleuser"]["storage"]
    root = _nbgrader_config(values).Exchange.root
    (mount,) = [mount for mount in storage["extraVolumeMounts"] if mount["mountPath"] == root]
    (volume,) = [volume for volume in storage["extraVolumes"] if volume["name"] == mount["name"]]
    assert volume["persistentVolumeClaim"]["claimName"] == "kursus-exchange"
    assert "kursus-exchange" in (Z2JH / "README.md").read_text(encoding="utf-8")  # the README creates that claim
    assert mount.get("readOnly") is not True  # participants submit into it
    assert _nbgrader_config(values).CourseDirectory.course_id == "paradiplomasi"


def test_exchange_root_gets_nbgraders_permissions(values):
    """Does an init container give the exchange root 1777 (everyone writes, sticky bit) before the server starts?"""
    singleuser = values["singleuser"]
    root = _nbgrader_config(values).Exchange.root
    (init,) = [container for container in singleuser["initContainers"] if container["name"] == "exchange-permissions"]
    assert init["command"] == ["chmod", "1777", root]
    assert [mount["mountPath"] for mount in init["volumeMounts"]] == [root]
    assert init["image"] == f"{singleuser['image']['name']}:{singleuser['image']['tag']}"  # no extra image to pull


def test_only_participants_get_a_student_id(values, monkeypatch):
    """Does nbgrader submit as the Hub user (every pod's OS user is jovyan), while an instructor's collect sees all?"""
    monkeypatch.setenv("KURSUS_STUDENT_ID", "peserta7")
    assert _nbgrader_config(values).CourseDirectory.student_id == "peserta7"
    monkeypatch.delenv("KURSUS_STUDENT_ID")
    assert "student_id" not in _nbgrader_config(values).CourseDirectory
    assert "db_url" not in _nbgrader_config(values).CourseDirectory  # kursus reads only --db; see the README


def test_participants_get_the_profile_and_the_instructor_does_not(values):
    """Does the Hub give non-admins the participant profile and their student id, and the admin neither?"""
    _, profile = _pre_spawn_hook(values)
    participant = _spawn(values, "peserta1", admin=False).environment
    assert participant == {"KEEP": "1", "JUPYTER_CONFIG_PATH": profile, "JUPYTER_PATH": f"{profile}/data",
                           "KURSUS_STUDENT_ID": "peserta1"}
    instructor = _spawn(values, "instruktur", admin=True)
    assert not {"JUPYTER_CONFIG_PATH", "JUPYTER_PATH", "KURSUS_STUDENT_ID"} & set(instructor.environment)
    assert instructor.environment["KEEP"] == "1"
    assert instructor.mem_limit and instructor.cpu_limit


def test_gradebook_url_comes_from_a_secret_and_only_to_the_instructor(values):
    """Is the gradebook URL a reference to the Kubernetes Secret (never a literal), given to admins only?"""
    instructor = _spawn(values, "instruktur", admin=True).environment["KURSUS_GRADEBOOK_URL"]
    assert instructor == {"valueFrom": {"secretKeyRef": {"name": "kursus-gradebook", "key": "url"}}}
    assert "KURSUS_GRADEBOOK_URL" not in _spawn(values, "peserta1", admin=False).environment


def test_the_instructor_is_an_admin(values):
    """Is there at least one instructor, as a Hub admin (the hook tells participants and instructors apart by that)?"""
    assert values["hub"]["config"]["Authenticator"]["admin_users"]


def test_profile_path_is_where_the_image_installs_course_profile(values):
    """Does the hook's profile path equal the Dockerfile's KURSUS_PROFILE, i.e. <site-packages>/course/profile?"""
    _, profile = _pre_spawn_hook(values)
    environment = _dockerfile_env()
    assert environment["KURSUS_PROFILE"] == profile
    (base,) = [arguments for instruction, arguments in _dockerfile() if instruction == "FROM"]
    python = re.search(r"python-(\d+\.\d+)", base)
    assert python and profile == f"/opt/conda/lib/python{python.group(1)}/site-packages/course/profile"
    # the same folder, as this checkout's package has it: config for JUPYTER_CONFIG_PATH, data/ for JUPYTER_PATH
    assert (PROFILE / "jupyter_server_config.py").is_file() and (PROFILE / "data").is_dir()


def test_resource_limits_and_culling(values):
    """Has every participant's server a memory limit and guarantee and a CPU limit, and are idle servers culled?"""
    singleuser = values["singleuser"]
    assert singleuser["memory"]["limit"] and singleuser["memory"]["guarantee"]
    assert singleuser["cpu"]["limit"] and singleuser["cpu"]["guarantee"]
    cull = values["cull"]
    assert cull["enabled"] is True and cull["timeout"] > 0
    assert cull["users"] is False  # culling stops servers, never deletes users


_SECRET_KEY = re.compile(r"(?i)(password|passwd|secret|token|api_?key|cookie|private_?key)")
_SECRET_TEXT = [
    re.compile(r"(?i)(password|passwd|secret|token|api_?key)\w*[\"']?[ \t]*[:=][ \t]*[\"']?[\w+/.\-]{6,}"),
    re.compile(r"[a-z][a-z0-9+.\-]*://[^/\s:@]+:[^@\s/]+@"),  # credentials in a URL
    re.compile(r"\b[0-9a-fA-F]{32,}\b"),  # hex keys (cookie secrets, tokens)
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
]


def _secret_looking(text: str) -> list[str]:
    """Everything in a values file (comments and embedded Python included) that looks like a secret."""
    found = [match.group(0) for pattern in _SECRET_TEXT for match in pattern.finditer(text)]

    def walk(node, key=""):
        if isinstance(node, dict):
            for child_key, child in node.items():
                walk(child, str(child_key))
        elif isinstance(node, list):
            for child in node:
                walk(child, key)
        elif isinstance(node, str) and node and _SECRET_KEY.search(key):
            found.append(f"{key}: {node}")

    walk(yaml.safe_load(text))
    return found


def test_no_secret_in_the_values_file():
    """Does config.yaml hold no password, token or key (they belong in Kubernetes Secrets), and would the scan see one?"""
    assert _secret_looking(CONFIG.read_text(encoding="utf-8")) == []
    for planted in ["proxy:\n  secretToken: 3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c\n",
                    "hub:\n  cookieSecret: x\n",
                    "hub:\n  extraEnv:\n    URL: postgresql://kursus:geheim@db:5432/kelas\n",
                    "hub:\n  extraConfig:\n    a: |\n      c.GenericOAuthenticator.client_secret = 'abcdef123'\n"]:
        assert _secret_looking(planted), planted


def test_dockerfile_installs_this_package():
    """Does the image pip install this repository (with the PostgreSQL drivers) on a Jupyter base, and ship data/?"""
    steps = _dockerfile()
    (base,) = [arguments for instruction, arguments in steps if instruction == "FROM"]
    assert base.startswith(BASE_IMAGES)
    copies = [arguments.split() for instruction, arguments in steps if instruction == "COPY"]
    copies = [[part for part in parts if not part.startswith("--")] for parts in copies]
    source = {target.rstrip("/") for *sources, target in copies if "pyproject.toml" in sources}
    (source,) = source
    assert any(sources == ["course"] and target == f"{source}/course" for *sources, target in copies)
    runs = " ".join(arguments for instruction, arguments in steps if instruction == "RUN")
    assert re.search(rf"pip install [^&]*\"{re.escape(source)}\[postgres\]\"", runs)
    data = _dockerfile_env()["KURSUS_DATA"]
    assert ["data", data] in copies  # a non-editable install has no data/ beside the package


@pytest.mark.skipif(not os.environ.get("Z2JH_CHART"), reason="Z2JH_CHART (an unpacked jupyterhub chart 4.x) not set")
def test_values_pass_the_charts_schema(values):
    """Merged over the chart's values.yaml as Helm merges, do the values pass the chart's values.schema.yaml?"""
    import jsonschema

    chart = Path(os.environ["Z2JH_CHART"])
    schema = yaml.safe_load((chart / "values.schema.yaml").read_text(encoding="utf-8"))
    defaults = yaml.safe_load((chart / "values.yaml").read_text(encoding="utf-8"))

    def coalesce(base, override):
        merged = copy.deepcopy(base)
        for key, value in override.items():
            if value is None:
                merged.pop(key, None)
            elif isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = coalesce(merged[key], value)
            else:
                merged[key] = copy.deepcopy(value)
        return merged

    errors = [f"{'/'.join(map(str, error.path))}: {error.message[:200]}"
              for error in jsonschema.Draft7Validator(schema).iter_errors(coalesce(defaults, values))]
    assert errors == []
