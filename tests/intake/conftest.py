from tests.intake.helpers import repo

__all__ = ["repo"]
