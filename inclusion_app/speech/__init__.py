"""Speech: what to say for a screen and rendering it to audio. No Qt."""
