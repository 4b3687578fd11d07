"""nbgrader settings for Kursus Paradiplomasi (relative paths only; see DESIGN.md section 4)."""

from nbgrader.preprocessors import (
    CheckCellMetadata, ClearOutput, DeduplicateIds, OverwriteCells, OverwriteKernelspec,
)

from course.nbgrader_plugins import RestoreCellMetadata, RestoreDeletedCells, StripUnknownCode

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.course_id = "paradiplomasi"
c.CourseDirectory.root = "."

# Files a submission may not bring into the grading folder: Python code or config the grading
# kernel would import or read from its working directory (a forged `course.py`, ipython_config).
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback",
    "*.py", "*.so", "*.pyd", "*.pth", "ipython*config*", "jupyter*config*", ".jawaban.json.*",
]
c.CourseDirectory.max_file_size = 2048  # KB: no file larger than this is copied (answer stores are capped at 512 KB)

# The answer store is the participant's work: never overwrite it from source/.
ASSIGNMENTS = ["sm0_orientasi", "sm1_diplomasi", "sm2_aktor", "sm3_model", "sm4_tata_kelola", "sm5_negosiasi", "sm6_evaluasi"]
c.Autograde.exclude_overwriting = {assignment: ["jawaban.json"] for assignment in ASSIGNMENTS}

# Sanitizing, in this order: restore deleted locked cells first, then let OverwriteCells reset
# every locked cell to its source by grade id, then give known cells their released metadata back
# (tags such as skip-execution), then drop any code cell that is still unknown.
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    RestoreDeletedCells,
    OverwriteCells,
    RestoreCellMetadata,
    StripUnknownCode,
    CheckCellMetadata,
]

c.Execute.store_widget_state = False
c.Execute.timeout = 60  # seconds per cell
c.Execute.interrupt_on_timeout = True
