"""Cut the int8 encoder into the part every verb needs and the part only ``analyze`` needs.

``encoder_lower.int8.onnx`` runs the embeddings and the first layers and gives the token states
``hidden``; ``encoder_upper.int8.onnx`` runs the remaining layers on them and gives the sentence
vector and the emotion logits. Together they compute exactly what the whole graph did (checked bit
for bit); the tone guard runs only the lower part, which is about a third of the cost.
"""

from __future__ import annotations

from pathlib import Path

LAYER_OUTPUT = "/encoder/encoder/layer.{}/output/LayerNorm/LayerNormalization_output_0"
EMBEDDINGS_OUTPUT = "/encoder/embeddings/LayerNorm/LayerNormalization_output_0"


def split_encoder(model_dir: Path, layer: int = 2) -> None:
    """Split ``encoder.int8.onnx`` after its first ``layer`` layers, write the two parts, remove it."""
    import onnx
    from onnx import TensorProto, helper
    from onnx.utils import Extractor

    whole = model_dir / "encoder.int8.onnx"
    cut = LAYER_OUTPUT.format(layer - 1)

    def load() -> onnx.ModelProto:
        model = onnx.load(str(whole))
        for node in [n for n in model.graph.node if "hidden" in n.output]:  # an older exposed output
            model.graph.node.remove(node)
        for output in [o for o in model.graph.output if o.name == "hidden"]:
            model.graph.output.remove(output)
        return model

    lower = Extractor(load()).extract_model(["input_ids", "attention_mask"], [cut])
    lower.graph.node.append(helper.make_node("Identity", [cut], ["hidden"], name="hidden_states"))
    del lower.graph.output[:]
    lower.graph.output.append(
        helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["batch", "tokens", 384])
    )

    model = load()
    for node in model.graph.node:  # shapes read off the embeddings are the same off the cut
        if node.op_type == "Shape" and EMBEDDINGS_OUTPUT in node.input and "/embeddings/" not in node.name:
            node.input[:] = [cut if i == EMBEDDINGS_OUTPUT else i for i in node.input]
    upper = Extractor(model).extract_model(
        [cut, "input_ids", "attention_mask"], ["embedding", "emotion_logits"]
    )
    for node in upper.graph.node:
        node.input[:] = ["hidden" if i == cut else i for i in node.input]
    for value in upper.graph.input:
        if value.name == cut:
            value.name = "hidden"
    used = {i for n in upper.graph.node for i in n.input}
    for value in [v for v in upper.graph.input if v.name not in used]:
        upper.graph.input.remove(value)
    for part in (lower, upper):
        onnx.checker.check_model(part)
    onnx.save(lower, str(model_dir / "encoder_lower.int8.onnx"))
    onnx.save(upper, str(model_dir / "encoder_upper.int8.onnx"))
    whole.unlink()


def export_on_states(model: object, path: Path, outputs: list[str]) -> None:
    """Export a torch model that reads (hidden, attention_mask) token states, quantised per channel to int8."""
    import tempfile

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32 = Path(tempfile.mkdtemp()) / "model.fp32.onnx"
    torch.onnx.export(
        model,  # type: ignore[arg-type]
        (torch.zeros(1, 7, 384), torch.ones(1, 7, dtype=torch.long)),
        str(fp32),
        input_names=["hidden", "attention_mask"],
        output_names=outputs,
        dynamic_axes={"hidden": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(path), per_channel=True, weight_type=QuantType.QInt8)
