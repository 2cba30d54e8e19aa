"""The course pages: ``participant`` (session page, enrol, "Mijn cursussen") and ``portal``
(the trainer's "Mijn sessies"). Calendar downloads live in ``courses.calendar_views``."""
