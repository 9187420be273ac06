#!/usr/bin/python3
# Copyright (c) Vector Studio contributors. Licensed under the MIT License.
"""Turns a Hugging Face BERT checkpoint (or a sentence-transformers model built on one) into a Vector
Studio model package: model.pt (TorchScript), the tokenizer file and manifest.json (docs/embedder.md,
"Model package" and "Converting a Hugging Face model").

Needs only torch and numpy (Debian: python3-torch, python3-numpy); Hugging Face `transformers` is not
used. The BERT forward is written here in plain torch from the BERT equations, the weights are loaded by
their Hugging Face names (pytorch_model.bin through torch.load, model.safetensors parsed here), and the
module is compiled with torch.jit.script.

Usage: convert-hf-model.py SOURCE_DIR PACKAGE_DIR [--name NAME] [--max-seq-length N]
                           [--pooling mean|cls] [--normalize | --no-normalize] [--force]
Exit codes: 0 written; 1 the checkpoint is not convertible (the message says why); 2 usage.
"""
import argparse
import json
import math
import os
import shutil
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor, nn

MAX_SUPPORTED_SEQUENCE_LENGTH = 8192  # ModelPackage.MaxSupportedSequenceLength
ST_NORMALIZE = "sentence_transformers.models.Normalize"
ST_POOLING = "sentence_transformers.models.Pooling"
ST_TRANSFORMER = "sentence_transformers.models.Transformer"


class ConversionError(Exception):
    """The checkpoint cannot be converted; the message says what was wrong and what is accepted."""


# ---- reading the checkpoint ------------------------------------------------------------------------

SAFETENSORS_DTYPES = {"F32": ("<f4", 4), "F16": ("<f2", 2), "BF16": ("<u2", 2), "F64": ("<f8", 8)}


def read_safetensors(path):
    """The float tensors of a .safetensors file: an 8-byte little-endian header length, a JSON header
    {name: {dtype, shape, data_offsets: [begin, end]}} and the raw little-endian tensor bytes after it."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ConversionError(f"{path}: too short for a safetensors file ({len(data)} bytes)")
    header_length = int.from_bytes(data[:8], "little")
    if header_length > len(data) - 8 or header_length > 100 * 1024 * 1024:
        raise ConversionError(f"{path}: header length {header_length} does not fit the file ({len(data)} bytes)")
    try:
        header = json.loads(data[8:8 + header_length].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ConversionError(f"{path}: the header is not JSON: {e}") from e
    body = memoryview(data)[8 + header_length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        dtype = entry.get("dtype")
        if dtype not in SAFETENSORS_DTYPES:
            raise ConversionError(f"{path}: tensor {name} has dtype {dtype} (accepted: {', '.join(SAFETENSORS_DTYPES)})")
        numpy_type, size = SAFETENSORS_DTYPES[dtype]
        shape = [int(d) for d in entry.get("shape", [])]
        begin, end = (int(o) for o in entry.get("data_offsets", [-1, -1]))
        count = int(np.prod(shape)) if shape else 1
        if not 0 <= begin <= end <= len(body) or end - begin != count * size:
            raise ConversionError(
                f"{path}: tensor {name} data_offsets [{begin}, {end}] do not hold {shape} of {dtype} "
                f"within the {len(body)} data bytes")
        array = np.frombuffer(body[begin:end], dtype=numpy_type)
        if dtype == "BF16":
            array = (array.astype(np.uint32) << 16).view(np.float32)
        tensors[name] = torch.from_numpy(array.astype(np.float32).reshape(shape))
    return tensors


def read_bin(path):
    """A torch.save'd state dict (pytorch_model.bin), loaded without running pickled code."""
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:  # noqa: BLE001 - any load failure is a bad checkpoint
        raise ConversionError(f"{path}: not a loadable PyTorch state dict: {e}") from e
    if not isinstance(state, dict):
        raise ConversionError(f"{path}: holds a {type(state).__name__}, not a state dict")
    return {k: v.detach().to(torch.float32) for k, v in state.items() if isinstance(v, torch.Tensor)}


def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except json.JSONDecodeError as e:
        raise ConversionError(f"{path} is not valid JSON: {e}") from e


def model_folder(source):
    """The folder holding config.json and the weights: the source itself, or the Transformer module's
    folder named in a sentence-transformers modules.json (older versions use 0_Transformer/)."""
    modules = read_modules(source)
    for module in modules:
        if module.get("type") == ST_TRANSFORMER and module.get("path"):
            return os.path.join(source, module["path"])
    return source


def read_modules(source):
    path = os.path.join(source, "modules.json")
    return read_json(path) if os.path.isfile(path) else []


def read_weights(folder):
    safetensors = os.path.join(folder, "model.safetensors")
    binary = os.path.join(folder, "pytorch_model.bin")
    if os.path.isfile(safetensors):
        return read_safetensors(safetensors), safetensors
    if os.path.isfile(binary):
        return read_bin(binary), binary
    sharded = [f for f in os.listdir(folder) if f.endswith(".index.json")]
    hint = f" (sharded checkpoints such as {sharded[0]} are not supported)" if sharded else ""
    raise ConversionError(f"no weights in {folder}: expected model.safetensors or pytorch_model.bin{hint}")


# ---- validating config and weights -----------------------------------------------------------------

CONFIG_INTS = ["vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
               "max_position_embeddings", "type_vocab_size"]


def read_config(folder):
    path = os.path.join(folder, "config.json")
    if not os.path.isfile(path):
        raise ConversionError(f"{path} not found: a Hugging Face checkpoint needs its config.json")
    config = read_json(path)
    model_type = config.get("model_type")
    architectures = config.get("architectures") or []
    if model_type != "bert":
        raise ConversionError(
            f"{path}: model_type '{model_type}' (architectures {architectures}) is not supported; accepted: bert "
            "(BertModel and the BERT-based sentence-transformers models)")
    for key in CONFIG_INTS:
        if not isinstance(config.get(key), int) or config[key] < 1:
            raise ConversionError(f"{path}: '{key}' must be a positive integer, got {config.get(key)!r}")
    if config["hidden_size"] % config["num_attention_heads"] != 0:
        raise ConversionError(f"{path}: hidden_size {config['hidden_size']} is not a multiple of "
                              f"num_attention_heads {config['num_attention_heads']}")
    if config.get("hidden_act", "gelu") != "gelu":
        raise ConversionError(f"{path}: hidden_act '{config['hidden_act']}' is not supported; accepted: gelu (erf)")
    if config.get("position_embedding_type", "absolute") != "absolute":
        raise ConversionError(f"{path}: position_embedding_type '{config['position_embedding_type']}' is not "
                              "supported; accepted: absolute")
    return config


def expected_shapes(config):
    h, i = config["hidden_size"], config["intermediate_size"]
    shapes = {
        "embeddings.word_embeddings.weight": [config["vocab_size"], h],
        "embeddings.position_embeddings.weight": [config["max_position_embeddings"], h],
        "embeddings.token_type_embeddings.weight": [config["type_vocab_size"], h],
        "embeddings.LayerNorm.weight": [h],
        "embeddings.LayerNorm.bias": [h],
    }
    for n in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{n}."
        for name in ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"]:
            shapes[p + name + ".weight"] = [h, h]
            shapes[p + name + ".bias"] = [h]
        for norm in ["attention.output.LayerNorm", "output.LayerNorm"]:
            shapes[p + norm + ".weight"] = [h]
            shapes[p + norm + ".bias"] = [h]
        shapes[p + "intermediate.dense.weight"] = [i, h]
        shapes[p + "intermediate.dense.bias"] = [i]
        shapes[p + "output.dense.weight"] = [h, i]
        shapes[p + "output.dense.bias"] = [h]
    return shapes


def canonical_names(tensors):
    """Hugging Face names without a task model's "bert." prefix, and TF-era LayerNorm gamma/beta renamed."""
    out = {}
    for name, tensor in tensors.items():
        if name.startswith("bert."):
            name = name[len("bert."):]
        name = name.replace("LayerNorm.gamma", "LayerNorm.weight").replace("LayerNorm.beta", "LayerNorm.bias")
        out[name] = tensor
    return out


def check_weights(tensors, config, source):
    """The BERT weights by name, each checked against config.json; anything missing, mis-shaped or an
    encoder layer beyond num_hidden_layers is an error. Heads (cls.*, pooler.*) are ignored."""
    tensors = canonical_names(tensors)
    shapes = expected_shapes(config)
    missing = [n for n in shapes if n not in tensors]
    if missing:
        raise ConversionError(
            f"{source}: {len(missing)} BERT weights missing, e.g. {', '.join(missing[:3])} "
            f"(config.json: {config['num_hidden_layers']} layers, hidden {config['hidden_size']})")
    for name, shape in shapes.items():
        if list(tensors[name].shape) != shape:
            raise ConversionError(
                f"{source}: {name} has shape {list(tensors[name].shape)}, config.json implies {shape}")
    extra = sorted(n for n in tensors if n.startswith("encoder.layer.") and n not in shapes)
    if extra:
        raise ConversionError(
            f"{source}: weights such as {extra[0]} do not fit config.json "
            f"({config['num_hidden_layers']} layers of the BERT layout)")
    return {n: tensors[n] for n in shapes}


# ---- the model -------------------------------------------------------------------------------------

class BertLayer(nn.Module):
    """Post-norm transformer layer: self-attention + residual + LayerNorm, GELU(erf) MLP + residual + LayerNorm."""

    def __init__(self, hidden: int, heads: int, intermediate: int, eps: float):
        super().__init__()
        self.heads = heads
        self.head_size = hidden // heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.attention_output = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=eps)
        self.intermediate = nn.Linear(hidden, intermediate)
        self.output = nn.Linear(intermediate, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=eps)

    def split(self, x: Tensor) -> Tensor:
        return x.view(x.size(0), x.size(1), self.heads, self.head_size).transpose(1, 2)

    def forward(self, x: Tensor, additive_mask: Tensor) -> Tensor:
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_size) + additive_mask
        context = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(x.shape)
        x = self.attention_norm(x + self.attention_output(context))
        return self.output_norm(x + self.output(F.gelu(self.intermediate(x))))


class BertEncoder(nn.Module):
    """forward(input_ids, attention_mask) -> last hidden state [batch, seq, hidden] (token type 0)."""

    def __init__(self, config):
        super().__init__()
        h, eps = config["hidden_size"], float(config.get("layer_norm_eps", 1e-12))
        self.word = nn.Embedding(config["vocab_size"], h)
        self.position = nn.Embedding(config["max_position_embeddings"], h)
        self.token_type = nn.Embedding(config["type_vocab_size"], h)
        self.norm = nn.LayerNorm(h, eps=eps)
        self.layers = nn.ModuleList([
            BertLayer(h, config["num_attention_heads"], config["intermediate_size"], eps)
            for _ in range(config["num_hidden_layers"])])

    def forward(self, input_ids: Tensor, attention_mask: Tensor) -> Tensor:
        positions = torch.arange(input_ids.size(1), device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.position(positions) + self.token_type(torch.zeros_like(input_ids))
        x = self.norm(x)
        # The additive mask: 0 where attended, -10000 where padded (the original BERT's value: exp() of it is 0
        # in float32, and unlike the dtype's minimum it survives the embedder's fp16 mode without overflow).
        additive_mask = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, additive_mask)
        return x


def load_encoder(config, weights):
    model = BertEncoder(config)
    e = "embeddings."
    own = {"word.weight": e + "word_embeddings.weight", "position.weight": e + "position_embeddings.weight",
           "token_type.weight": e + "token_type_embeddings.weight",
           "norm.weight": e + "LayerNorm.weight", "norm.bias": e + "LayerNorm.bias"}
    parts = {"query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
             "attention_output": "attention.output.dense", "attention_norm": "attention.output.LayerNorm",
             "intermediate": "intermediate.dense", "output": "output.dense", "output_norm": "output.LayerNorm"}
    for n in range(config["num_hidden_layers"]):
        for ours, theirs in parts.items():
            for kind in ("weight", "bias"):
                own[f"layers.{n}.{ours}.{kind}"] = f"encoder.layer.{n}.{theirs}.{kind}"
    model.load_state_dict({ours: weights[theirs] for ours, theirs in own.items()}, strict=True)
    return model.eval()


# ---- sentence-transformers extras, tokenizer, package ---------------------------------------------

def pooling_and_normalize(source, modules):
    """(pooling, normalize) from a sentence-transformers model; (None, None) for a plain checkpoint."""
    if not modules:
        return None, None
    pooling, normalize = None, False
    for module in modules:
        kind = module.get("type")
        if kind == ST_TRANSFORMER:
            continue
        if kind == ST_NORMALIZE:
            normalize = True
        elif kind == ST_POOLING:
            pooling = read_pooling(os.path.join(source, module.get("path", ""), "config.json"))
        else:
            raise ConversionError(f"modules.json: module {kind} is not supported "
                                  f"(accepted: Transformer, Pooling with mean or cls, Normalize)")
    if pooling is None:
        raise ConversionError("modules.json has no Pooling module; pass --pooling mean|cls to choose one")
    return pooling, normalize


def read_pooling(path):
    if not os.path.isfile(path):
        raise ConversionError(f"{path} not found: the Pooling module's config")
    config = read_json(path)
    modes = [k[len("pooling_mode_"):] for k, v in config.items() if k.startswith("pooling_mode_") and v is True]
    known = {"mean_tokens": "mean", "cls_token": "cls"}
    if len(modes) != 1 or modes[0] not in known:
        raise ConversionError(f"{path}: pooling modes {modes or 'none'} are not supported; accepted: exactly one "
                              "of pooling_mode_mean_tokens, pooling_mode_cls_token")
    return known[modes[0]]


def find_file(name, *folders):
    for folder in folders:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    return None


def pick_tokenizer(config, source, folder):
    """tokenizer.json if present (it carries its own normaliser), else an uncased WordPiece vocab.txt."""
    tokenizer_json = find_file("tokenizer.json", folder, source)
    if tokenizer_json:
        model = read_json(tokenizer_json).get("model") or {}
        if model.get("type") != "WordPiece":
            raise ConversionError(f"{tokenizer_json}: tokenizer model {model.get('type')} is not supported; "
                                  "accepted: WordPiece (BERT)")
        size = len(model.get("vocab") or {})
    else:
        vocab = find_file("vocab.txt", folder, source)
        if not vocab:
            raise ConversionError(f"no tokenizer in {folder}: expected tokenizer.json or vocab.txt")
        settings_path = find_file("tokenizer_config.json", folder, source)
        settings = read_json(settings_path) if settings_path else {}
        if settings.get("do_lower_case", True) is False:
            raise ConversionError(f"{settings_path}: a cased model needs tokenizer.json (a package's vocab.txt "
                                  "is read as an uncased BERT vocabulary)")
        with open(vocab, encoding="utf-8") as f:
            size = sum(1 for _ in f)
        tokenizer_json = vocab
    if size > config["vocab_size"]:
        raise ConversionError(f"{tokenizer_json}: {size} tokens, but config.json vocab_size is {config['vocab_size']}")
    return tokenizer_json


def max_sequence_length(config, source, folder, requested):
    limit = min(config["max_position_embeddings"], MAX_SUPPORTED_SEQUENCE_LENGTH)
    if requested is None:
        st_path = find_file("sentence_bert_config.json", source, folder)
        requested = read_json(st_path).get("max_seq_length") if st_path else None
    length = limit if requested is None else int(requested)
    if not 1 <= length <= limit:
        raise ConversionError(f"max sequence length {length} is outside 1..{limit} "
                              f"(max_position_embeddings {config['max_position_embeddings']})")
    return length


def verify(model, path, config):
    """The saved TorchScript file gives the eager model's output (a padded batch of two)."""
    generator = torch.Generator().manual_seed(0)
    ids = torch.randint(0, config["vocab_size"], (2, 7), generator=generator)
    mask = torch.ones(2, 7, dtype=torch.long)
    mask[1, 4:] = 0
    loaded = torch.jit.load(path)
    with torch.no_grad():
        difference = (model(ids, mask) - loaded(ids, mask)).abs().max().item()
    if difference > 1e-5:
        raise ConversionError(f"internal: the saved TorchScript differs from the eager model by {difference}")


def convert(args):
    source = os.path.abspath(args.source)
    if not os.path.isdir(source):
        raise ConversionError(f"{source} is not a folder")
    modules = read_modules(source)
    folder = model_folder(source)
    config = read_config(folder)
    tensors, weights_path = read_weights(folder)
    weights = check_weights(tensors, config, weights_path)
    pooling, normalize = pooling_and_normalize(source, modules)
    pooling = args.pooling or pooling or "mean"
    normalize = args.normalize if args.normalize is not None else bool(normalize)
    tokenizer = pick_tokenizer(config, source, folder)
    length = max_sequence_length(config, source, folder, args.max_seq_length)

    target = os.path.abspath(args.package)
    if os.path.exists(target) and os.listdir(target) and not args.force:
        raise ConversionError(f"{target} exists and is not empty; pass --force to replace it")
    parent = os.path.dirname(target)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".convert-", dir=parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(staging, 0o777 & ~umask)  # mkdtemp's folder is private; a package is an ordinary folder
    try:
        model = load_encoder(config, weights)
        scripted = torch.jit.script(model)
        model_path = os.path.join(staging, "model.pt")
        scripted.save(model_path)
        verify(model, model_path, config)
        tokenizer_name = os.path.basename(tokenizer)
        shutil.copyfile(tokenizer, os.path.join(staging, tokenizer_name))
        manifest = {"name": args.name or os.path.basename(source.rstrip(os.sep)), "backend": "torchscript",
                    "model": "model.pt", "tokenizer": tokenizer_name, "maxSequenceLength": length,
                    "pooling": pooling, "normalize": normalize}
        with open(os.path.join(staging, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
        if os.path.exists(target):
            shutil.rmtree(target)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest, weights_path


def main(argv):
    parser = argparse.ArgumentParser(description="Hugging Face BERT checkpoint -> Vector Studio model package")
    parser.add_argument("source", help="checkpoint folder: config.json, model.safetensors or pytorch_model.bin, "
                                       "tokenizer.json or vocab.txt (sentence-transformers extras optional)")
    parser.add_argument("package", help="the model package folder to write")
    parser.add_argument("--name", help="model name in the manifest (default: the source folder's name)")
    parser.add_argument("--max-seq-length", type=int, help="default: sentence_bert_config.json, else "
                                                           "max_position_embeddings")
    parser.add_argument("--pooling", choices=["mean", "cls"], help="default: the sentence-transformers Pooling "
                                                                  "module, else mean")
    parser.add_argument("--normalize", dest="normalize", action="store_true", default=None,
                        help="L2-normalise (default: when modules.json has a Normalize module)")
    parser.add_argument("--no-normalize", dest="normalize", action="store_false")
    parser.add_argument("--force", action="store_true", help="replace an existing package folder")
    args = parser.parse_args(argv)
    try:
        manifest, weights_path = convert(args)
    except ConversionError as e:
        print(f"convert-hf-model: {e}", file=sys.stderr)
        return 1
    print(f"wrote {os.path.abspath(args.package)} from {weights_path}: {json.dumps(manifest)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
