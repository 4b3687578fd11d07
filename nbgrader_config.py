"""nbgrader settings for Kursus Paradiplomasi (relative paths only; see DESIGN.md section 4)."""

from nbgrader.preprocessors import (
    CheckCellMetadata, ClearOutput, DeduplicateIds, OverwriteCells, OverwriteKernelspec,
)

from course.nbgrader_plugins import (
    RepairNotebookSchema, RestoreCellMetadata, RestoreCellOrder, RestoreDeletedCells, RestoreGradingMetadata,
    StripUnknownCode,
)

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.course_id = "paradiplomasi"
c.CourseDirectory.root = "."

# Files a submission may not bring into the grading folder: Python code or config the grading
# kernel would import or read from its working directory (a forged `course.py`, ipython_config), and
# a folder named `course`: with the package installed editable (a meta-path finder), `import course`
# found that folder first as a namespace package, and every test cell scored 0.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback",
    "*.py", "*.so", "*.pyd", "*.pth", "ipython*config*", "jupyter*config*", ".jawaban.json.*", "course",
]
c.CourseDirectory.max_file_size = 2048  # KB: no file larger than this is copied (answer stores are capped at 512 KB)

# The answer store is the participant's work: never overwrite it from source/.
ASSIGNMENTS = ["sm0_orientasi", "sm1_diplomasi", "sm2_aktor", "sm3_model", "sm4_tata_kelola", "sm5_negosiasi", "sm6_evaluasi"]
c.Autograde.exclude_overwriting = {assignment: ["jawaban.json"] for assignment in ASSIGNMENTS}

# Sanitizing, in this order (nbconvert checks the notebook against its schema after every step, so the
# first step makes a hand-edited notebook valid): give every known cell its nbgrader metadata and type from the
# gradebook (and strip nbgrader metadata that is odd, unknown or a copy), before any stock step reads
# it; restore deleted locked cells, then let OverwriteCells reset every locked cell to its source by
# grade id, then give known cells their released metadata back (tags such as skip-execution), drop any
# code cell that is still unknown, and put the known cells back in the source's order.
c.Autograde.sanitize_preprocessors = [
    RepairNotebookSchema,
    RestoreGradingMetadata,
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    RestoreDeletedCells,
    OverwriteCells,
    RestoreCellMetadata,
    StripUnknownCode,
    RestoreCellOrder,
    CheckCellMetadata,
]

# Collect refuses a submission made by another OS account in a participant's name (nbgrader only warns).
c.ExchangeFactory.collect = "course.exchange.OwnerCheckedCollect"

c.Execute.store_widget_state = False
c.Execute.timeout = 60  # seconds per cell
c.Execute.interrupt_on_timeout = True
