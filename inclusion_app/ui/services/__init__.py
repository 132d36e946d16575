"""Background services owned by the window: speech, sound, uploads, autosave, tasks, memory."""
