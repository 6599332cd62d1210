"""Write the ONNX graph of the int8 layers' ``ort`` kernel (``textfix/data/int8_matmul.onnx``).

One node, shape-free: uint8 activations (int8 shifted by the zero point 128) times 7-bit weights,
both given at run time, exact int32 out. Built with the ``onnx`` package (a dev dependency), so
the run time needs only ``onnxruntime``. ``tests/test_int8.py`` checks the shipped file is what
this script writes.

    python scripts/build_int8_matmul_graph.py
"""

from __future__ import annotations

from pathlib import Path

GRAPH = Path(__file__).resolve().parents[1] / "src/textfix/data/int8_matmul.onnx"


def graph_bytes() -> bytes:
    from onnx import TensorProto, checker, helper

    node = helper.make_node("MatMulInteger", ["activations", "weights", "zero_point"], ["product"])
    graph = helper.make_graph(
        [node], "int8_matmul",
        [helper.make_tensor_value_info("activations", TensorProto.UINT8, ["rows", "depth"]),
         helper.make_tensor_value_info("weights", TensorProto.INT8, ["depth", "columns"])],
        [helper.make_tensor_value_info("product", TensorProto.INT32, ["rows", "columns"])],
        [helper.make_tensor("zero_point", TensorProto.UINT8, [], [128])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                              producer_name="textfix")
    model.ir_version = 8  # what onnxruntime 1.16 and later read
    checker.check_model(model)
    return model.SerializeToString()


if __name__ == "__main__":
    GRAPH.write_bytes(graph_bytes())
    print(f"wrote {GRAPH} ({GRAPH.stat().st_size} bytes)")
