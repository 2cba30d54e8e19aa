from .assessments import (
    Answer,
    CardPick,
    PeerInvitation,
    ResultSharing,
    SelfAssessment,
)
from .framework import (
    Competency,
    CoreTask,
    Framework,
    ScaleOption,
    Statement,
    SubTask,
    TaskCompetency,
)
from .growth import CourseFramework, GrowthSummary, MomentOverride

__all__ = [
    "Answer",
    "CardPick",
    "Competency",
    "CoreTask",
    "CourseFramework",
    "Framework",
    "GrowthSummary",
    "MomentOverride",
    "PeerInvitation",
    "ResultSharing",
    "ScaleOption",
    "SelfAssessment",
    "Statement",
    "SubTask",
    "TaskCompetency",
]
