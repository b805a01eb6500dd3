#!/usr/bin/env python3
"""Writes a large album recipe into DIR: DIR/album.yaml including DIR/lib/style.yaml.

N tracks; each track is a matrix step (4 moods x 2 takes) built from a shared template, narrowed by a
select step, and listed in `album:`. Usage: gen-album.py DIR N
"""
import os
import sys

out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(out, "lib"), exist_ok=True)
with open(os.path.join(out, "lib", "style.yaml"), "w") as f:
    f.write("version: 1\n"
            "params:\n  mood_a: {type: enum, values: [calm, dark], default: calm}\n  tempo: {type: int, default: 100}\n"
            "defaults:\n  duration: 10\n  audio_format: flac\n"
            "vars:\n  style: dream pop, airy vocals\n"
            "templates:\n  track:\n    type: generate\n    prompt: ${vars.style}, ${matrix.mood}\n    bpm: ${params.tempo}\n    takes: 2\n")
lines = ["version: 1", "name: big-album", "include: [lib/style.yaml]", "steps:"]
for i in range(n):
    lines += [f"  t{i}:", "    use: track", "    matrix:", "      mood: [calm, dark, bright, moody]",
              f"  pick{i}:", "    type: select", f"    from: t{i}", "    pick: loudest"]
lines += ["album:", "  title: Big Album", "  loudness: -14", "  tracks:"]
lines += [f"    - {{step: pick{i}, title: Track {i}}}" for i in range(n)]
with open(os.path.join(out, "album.yaml"), "w") as f:
    f.write("\n".join(lines) + "\n")
