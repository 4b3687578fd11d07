"""Participant profile for JupyterLab and Notebook 7 (read because its folder is on JUPYTER_CONFIG_PATH).

course.participant.lab_environment() puts this folder first on JUPYTER_CONFIG_PATH: nothing in the
user's own ~/.jupyter is written. The profile is three files:

- this one: nbgrader's instructor server extensions off (Formgrader, Course List), no news feed and
  no update check, and JupyterLab's settings overrides read from ``lab/overrides.json``;
- ``labconfig/page_config.json``: nbgrader's instructor plugins off in the browser (Formgrader,
  Create Assignment, Course List, the Validate button) and JupyterLab's Extension Manager (it installs
  from PyPI); the Assignments panel and its
  Nbgrader -> Assignment List menu entry stay (participants fetch and submit there on a hub);
- ``lab/overrides.json``: no news pop-up, no update check, widget state saved in the notebook
  (a reopened notebook shows its widgets instead of "Error displaying widget: model not found"),
  autosave every 10 s instead of 120 s (after Run All the notebook is saved by itself, so closing its tab
  rarely meets JupyterLab's English Save/Discard dialog);
- ``data/`` (put on JUPYTER_PATH): the Voila template "kursus".

The validate_assignment server extension stays on: the Assignments panel's per-notebook Validate
button calls it (only the notebook toolbar's Validate button is removed).
"""

from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets when the file is loaded)

here = Path(__file__).resolve().parent

c.ServerApp.jpserver_extensions.update({
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
})
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
# JupyterLab reads settings overrides from its application settings folder only (not from config paths);
# the stock one (<prefix>/share/jupyter/lab/settings) is empty in this course's environment.
c.LabApp.app_settings_dir = str(here / "lab")
c.JupyterNotebookApp.app_settings_dir = str(here / "lab")
# Voila asks nothing from outside the machine: its bundled MathJax instead of cdnjs's ("null" is Voila's
# switch for that), and the "kursus" template (data/voila/templates; course.participant puts data/ on
# JUPYTER_PATH) instead of "lab", which links Font Awesome from cdn.jsdelivr.net.
c.ServerApp.tornado_settings = {"mathjax_url": "null", "mathjax_config": "null"}
c.VoilaConfiguration.template = "kursus"
