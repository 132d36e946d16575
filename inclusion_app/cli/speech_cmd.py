"""`inclusion-app voices` and `inclusion-app say`: for volunteers checking a machine's speech."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from inclusion_app.settings import SPEECH_RATES


def register(registry) -> None:  # type: ignore[no-untyped-def]
    voices = registry.command(
        "voices", _voices, "List the installed voices and the one the program would use.",
        own_lang=True,
    )
    voices.add_argument("--lang", metavar="CODE", help="only voices for this language (zh, en)")
    say = registry.command(
        "say", _say, "Speak a text (or write a WAV file) with the voice the program would use.",
        own_lang=True,
    )
    say.add_argument("text", metavar="TEXT", help="what to say")
    say.add_argument("--lang", metavar="CODE", required=True, help="language of the text (zh, en)")
    say.add_argument("--rate", choices=SPEECH_RATES, help="speed (default: from the settings)")
    say.add_argument("--out", metavar="FILE.wav", help="write a WAV file instead of playing")


def _speaker(ctx):  # type: ignore[no-untyped-def]
    from inclusion_app.speech.factory import cache_dir_in, default_speaker

    return default_speaker(cache_dir=cache_dir_in(ctx.paths.cache))


def _voices(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    out = ctx.out
    speaker = _speaker(ctx)
    try:
        if not speaker.is_available():
            print("No speech engine works on this computer (install espeak-ng).", file=out)
            return 1
        langs = [args.lang] if args.lang else ["zh", "en"]
        listed = speaker.voices(args.lang) if args.lang else speaker.voices()
        print(f"Speech engine: {speaker.engine_name}, {len(listed)} voice(s)", file=out)
        for voice in listed:
            print(f"  {voice.id:<28} {voice.name}  [{', '.join(voice.languages)}]", file=out)
        missing = 0
        for lang in langs:
            chosen = speaker.voice_for(lang)
            if chosen is None:
                missing += 1
                print(f"Language {lang}: no voice on this computer speaks it.", file=out)
            else:
                print(f"Language {lang}: the program uses {chosen.id} ({chosen.name}).", file=out)
        return 1 if args.lang and missing else 0
    finally:
        speaker.close()


def _say(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    if not args.text.strip():
        print("There is nothing to say: give some text.", file=sys.stderr)
        return 2
    speaker = _speaker(ctx)
    try:
        speaker.rate = args.rate or ctx.settings.speech_rate
        voice = speaker.voice_for(args.lang) if speaker.is_available() else None
        if voice is None:
            print(f"No voice on this computer speaks the language '{args.lang}'. "
                  "Try `inclusion-app voices` to see what is installed.", file=sys.stderr)
            return 1
        # Typed text may be a person's answer: never cached.
        wav = speaker.render(args.text, args.lang, cacheable=False)
    finally:
        speaker.close()
    if not wav:
        print("The speech engine could not read this text aloud.", file=sys.stderr)
        return 1
    if args.out:
        try:
            Path(args.out).write_bytes(wav)
        except OSError as exc:
            print(f"Could not write {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"Wrote {args.out} with voice {voice.id}.", file=ctx.out)
        return 0
    from inclusion_app.speech.output import play_blocking

    if not play_blocking(wav, ctx.settings.speech_volume):
        print("No sound device was found on this computer, so nothing could be played. "
              "Use --out FILE.wav to save the speech instead.", file=sys.stderr)
        return 1
    return 0
