"""Generates torch_reference.json: PyTorch (float64) values and gradients for
the expressions in torch_cases.json. Run with Debian's python3-torch:
/usr/bin/python3 tests/reference/make_torch.py"""
import json
import pathlib

import torch

here = pathlib.Path(__file__).parent
cases = json.loads((here / "torch_cases.json").read_text())

UNARY = {
    "neg": torch.neg, "exp": torch.exp, "log": torch.log, "tanh": torch.tanh,
    "relu": torch.relu, "sigmoid": torch.sigmoid,
}
BINARY = {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div}


def build(node, leaves):
    if isinstance(node, str):
        return leaves[node]
    if isinstance(node, (int, float)):
        return torch.tensor(float(node), dtype=torch.float64)
    op, *args = node
    if op == "pow":
        return torch.pow(build(args[0], leaves), args[1])
    if op in UNARY:
        return UNARY[op](build(args[0], leaves))
    return BINARY[op](build(args[0], leaves), build(args[1], leaves))


def number(x):
    x = float(x)
    return x if x == x and abs(x) != float("inf") else str(x)


out = []
for case in cases:
    leaves = {k: torch.tensor(float(v), dtype=torch.float64, requires_grad=True)
              for k, v in case["leaves"].items()}
    root = build(case["expr"], leaves)
    root.backward()
    out.append({
        "name": case["name"],
        "data": number(root.item()),
        "grads": {k: number(v.grad.item()) for k, v in leaves.items()},
    })
(here / "torch_reference.json").write_text(
    json.dumps({"torch": torch.__version__, "results": out}, indent=1) + "\n")
print(f"wrote {len(out)} results with torch {torch.__version__}")
