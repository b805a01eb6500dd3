#!/usr/bin/env python3
"""Writes a pipeline of N generate steps forming a random DAG (each step needs 1-3 earlier steps)."""
import random, sys
n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
rng = random.Random(20261125)
print("version: 1\nname: random-dag\nsteps:")
for i in range(n):
    print(f"  s{i}:\n    type: generate\n    prompt: step {i}\n    duration: 30")
    if i > 0:
        parents = sorted({f"s{rng.randrange(i)}" for _ in range(rng.randint(1, 3))})
        print(f"    needs: [{', '.join(parents)}]")
