"""The participant profile's layer for a course run alone (``kursus buka`` on a laptop): no nbgrader exchange.

Put before the profile on JUPYTER_CONFIG_PATH by course.participant.lab_environment(alone=True). Without an
exchange, nbgrader's Assignments panel can only say, in English, that its exchange directory does not
exist; its server extensions are off here and its browser plugins in ``labconfig/page_config.json``
(the Nbgrader menu goes with them). On the class hub the panel stays: participants fetch and submit there.
"""

c = get_config()  # noqa: F821 (provided by traitlets when the file is loaded)

c.ServerApp.jpserver_extensions.update({
    "nbgrader.server_extensions.assignment_list": False,
    "nbgrader.server_extensions.validate_assignment": False,
})
