import torch

from vrdndi.models.components import AdaLN, SequenceCompressor, interest_head, productive_head


def test_adaln_starts_as_layernorm():
    layer = AdaLN(8, 1)
    x = torch.randn(2, 8, 5)
    out = layer(x, torch.randn(2, 1))
    expected = torch.nn.functional.layer_norm(x.transpose(1, 2), (8,)).transpose(1, 2)
    assert torch.allclose(out, expected, atol=1e-6)


def test_compressor_ignores_padding_and_handles_empty_context():
    torch.manual_seed(0)
    comp = SequenceCompressor(16, 3, 32, channels=8, blocks=2).eval()
    emb, num = torch.randn(2, 6, 16), torch.randn(2, 6, 3)
    mask = torch.tensor([[1, 1, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0]], dtype=torch.float32)
    cond = torch.randn(2, 1)
    out = comp(emb, num, mask, cond)
    assert out.shape == (2, 32)
    emb2, num2 = emb.clone(), num.clone()
    emb2[:, 3:] = 100.0  # garbage in padding must not change the result
    num2[:, 3:] = -50.0
    assert torch.allclose(out, comp(emb2, num2, mask, cond), atol=1e-5)
    # an empty context is the learned "no context" token, whatever the padding holds
    assert torch.allclose(out[1], comp.projector(comp.empty), atol=1e-5)
    assert torch.isfinite(out).all()


def test_heads_shapes():
    x = torch.randn(4, 12)
    assert productive_head(12, 16, 2, 0.1)(x).shape == (4, 2)
    assert interest_head(12, 16, 2, 0.1)(x).shape == (4, 2)
