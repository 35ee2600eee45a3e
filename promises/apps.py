from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "promises"
    verbose_name = _("Promises")

    def ready(self):
        from . import publishing, subject_labels

        publishing.connect(self.get_model("PromisePage"))
        subject_labels.connect()
