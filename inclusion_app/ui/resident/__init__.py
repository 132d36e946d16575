"""The resident's pages: home, language, comfort settings, help, the form, check your answers, confirmation."""
