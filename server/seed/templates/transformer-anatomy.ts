// Starter palace: the parts of a transformer, from tokens in to probabilities out, with the
// accounting and training settings that decide what a model of a given size costs.
import { bars, chain, flow, grid, HUES, plot, sample, sketch, text } from "../diagrams";
import { defineTemplate } from "./template-kit";

/** GPT-2 small: the figures the embedding-share note and its diagram are drawn from. */
const GPT2 = { layers: 12, d: 768, vocab: 50_257, context: 1024 };
const millions = (n: number) => Math.round(n / 1e5) / 10;

const shareDiagram = bars("Where GPT-2 small's 124 million parameters live", [
  { label: "token embeddings", value: GPT2.vocab * GPT2.d, shown: `${millions(GPT2.vocab * GPT2.d)} M`, fill: HUES.amber },
  { label: "position embeddings", value: GPT2.context * GPT2.d, shown: `${millions(GPT2.context * GPT2.d)} M`, fill: HUES.green },
  { label: "12 blocks: attention", value: GPT2.layers * 4 * GPT2.d ** 2, shown: `${millions(GPT2.layers * 4 * GPT2.d ** 2)} M`, fill: HUES.blue },
  { label: "12 blocks: MLP", value: GPT2.layers * 8 * GPT2.d ** 2, shown: `${millions(GPT2.layers * 8 * GPT2.d ** 2)} M`, fill: HUES.violet },
]);

const attention = chain("att", ["Q Kᵀ", "÷ √d_k", "mask", "softmax", "× V"], {
  y: 300,
  fills: [HUES.blue, HUES.amber, HUES.grey, HUES.green, HUES.rose],
});
const attentionDiagram = flow(
  "Scaled dot-product attention",
  [
    { id: "q", x: 40 + 30, y: 130, label: "Q", w: 56, circle: true, fill: HUES.blue },
    { id: "k", x: 150, y: 130, label: "K", w: 56, circle: true, fill: HUES.blue },
    { id: "v", x: 730, y: 130, label: "V", w: 56, circle: true, fill: HUES.rose },
    ...attention.nodes,
  ],
  [{ from: "q", to: "att-0" }, { from: "k", to: "att-0" }, { from: "v", to: "att-4" }, ...attention.edges],
  [text(400, 420, "softmax(Q Kᵀ / √d_k) V: each row of weights sums to one", { size: 17 })],
);

const maskDiagram = sketch("Causal mask: each token sees only the past", [
  grid(250, 90, 6, 50, (r, c) => (c <= r ? HUES.green : HUES.grey)),
  ...["The", "cat", "sat", "on", "the", "mat"].flatMap((w, i) => [text(230, 115 + i * 50, w, { size: 16, anchor: "end" }), text(275 + i * 50, 80, w, { size: 14 })]),
  text(400, 420, "rows: queries; columns: keys; grey scores set to −∞", { size: 17 }),
]);

const blockDiagram = flow(
  "A pre-norm transformer block",
  [
    { id: "in", x: 70, y: 300, label: "x", w: 56, circle: true, fill: HUES.grey },
    { id: "ln1", x: 180, y: 300, label: "norm", w: 90, fill: HUES.amber },
    { id: "att", x: 310, y: 300, label: "attention", w: 120, fill: HUES.blue },
    { id: "add1", x: 430, y: 300, label: "+", w: 50, circle: true, fill: HUES.rose },
    { id: "ln2", x: 530, y: 300, label: "norm", w: 90, fill: HUES.amber },
    { id: "mlp", x: 650, y: 300, label: "MLP", w: 90, fill: HUES.violet },
    { id: "add2", x: 750, y: 300, label: "+", w: 50, circle: true, fill: HUES.rose },
  ],
  [
    { from: "in", to: "ln1" },
    { from: "ln1", to: "att" },
    { from: "att", to: "add1" },
    { from: "add1", to: "ln2" },
    { from: "ln2", to: "mlp" },
    { from: "mlp", to: "add2" },
    { from: "in", to: "add1", via: [[70, 160], [430, 160]], label: "residual stream" },
    { from: "add1", to: "add2", via: [[430, 410], [750, 410]] },
  ],
  [text(400, 460, "x ← x + Attention(norm(x)), then x ← x + MLP(norm(x))", { size: 17 })],
);

const WARMUP = 4000;
const scheduleDiagram = plot("The original schedule: warmup, then 1/√step", {
  xLabel: "training step (thousands)",
  yLabel: "learning rate (× 10⁻⁴)",
  xMax: 40,
  yMax: 8,
  series: [
    {
      label: "d_model = 512",
      points: sample((k) => {
        const step = Math.max(1, k * 1000);
        return 512 ** -0.5 * Math.min(step ** -0.5, step * WARMUP ** -1.5) * 1e4;
      }, 40, 200),
    },
  ],
  marks: [{ x: WARMUP / 1000, label: "4000" }],
});

export const transformerAnatomy = defineTemplate({
  title: "Transformer anatomy",
  description:
    "Walk through a transformer the way a token does: it is cut from text and embedded, attends to its neighbours, is refined block after block along the residual stream, and leaves as a probability over the next token; then the accounting and the settings that keep training stable.",
  rooms: [
    { key: "tokens", name: "Gatehouse of Tokens", gridX: 0, gridZ: 0, width: 10, depth: 10, height: 3.5, theme: "sandstone" },
    { key: "attention", name: "Chamber of Attention", gridX: 10, gridZ: 0, width: 10, depth: 10, height: 4.5, theme: "indigo" },
    { key: "block", name: "Block Workshop", gridX: 20, gridZ: 0, width: 10, depth: 10, height: 4, theme: "slate" },
    { key: "output", name: "Hall of Outputs and Training", gridX: 20, gridZ: 10, width: 10, depth: 10, height: 4, theme: "ivory" },
  ],
  doors: [
    { a: "tokens", b: "attention", position: 5 },
    { a: "attention", b: "block", position: 5 },
    { a: "block", b: "output", position: 25 },
  ],
  concepts: [
    {
      key: "tokenisation",
      room: "tokens",
      title: "Subword tokenisation",
      kind: "technique",
      tags: ["tokens", "bpe"],
      notes: `Before a transformer sees text, a tokeniser cuts it into pieces from a fixed vocabulary, typically 30,000 to 200,000 entries. Byte-pair encoding (BPE) builds that vocabulary by starting from bytes or characters and repeatedly merging the most frequent adjacent pair; WordPiece and SentencePiece's unigram model are close relatives. Common words become one token and rare words split into several. Byte-level BPE, as in GPT-2, or a byte fallback guarantees that no input is ever out of vocabulary; a character-level base vocabulary does not.

Sequence length, cost and even arithmetic skill depend on how text is cut.

**Picture:** a butcher's block where sentences are chopped into chunks, common words left whole and rare ones cut into slices.`,
    },
    {
      key: "token-embedding",
      room: "tokens",
      title: "Token embedding table",
      kind: "layer",
      tags: ["embedding"],
      after: ["tokenisation"],
      diagram: shareDiagram,
      checks: [
        { calc: "product-millions", args: [GPT2.vocab, GPT2.d], says: "38.6 million" },
        { calc: "gpt-embedding-share", args: [GPT2.layers, GPT2.d, GPT2.vocab, GPT2.context], says: "31%" },
      ],
      notes: `The embedding is a learned matrix with one row of length d_model per vocabulary entry. Looking up a token id selects its row, the same as multiplying a one-hot vector by the matrix, only far cheaper. The rows train with the rest of the network, so tokens used in similar contexts end up near one another.

In GPT-2 small (12 layers, d_model = 768, 1024 positions) a vocabulary of 50,257 makes the table 38.6 million parameters, 31% of the model's 124 million. Small models spend a large share of their budget here.

**Picture:** a wall of 50,257 numbered pigeonholes, each holding a 768-bead abacus.

**Number:** about 39 of GPT-2 small's 124 million parameters.`,
    },
    {
      key: "positional-encoding",
      room: "tokens",
      title: "Sinusoidal positional encoding",
      kind: "technique",
      tags: ["position"],
      after: ["token-embedding"],
      notes: `Attention treats its input as a set: shuffle the tokens and each output is shuffled the same way. Order has to be injected. The original transformer adds to every embedding a fixed vector of sines and cosines whose wavelengths form a geometric series from 2π to 10,000·2π. Each position gets a unique pattern, and the encoding of position p + k is a linear function of that of p, which makes relative offsets easy to read.

Learned absolute position embeddings work as well within the trained length but cannot extrapolate beyond it.

**Picture:** a row of clocks with hands spinning at ever slower speeds, and each seat in the hall stamped with the time all the clocks showed as you sat down.`,
    },
    {
      key: "weight-tying",
      room: "tokens",
      title: "Tied input and output embeddings",
      kind: "technique",
      tags: ["embedding", "parameters"],
      after: ["token-embedding"],
      notes: `At the very end of the model, a linear layer turns each final hidden vector into one score per vocabulary entry. That output matrix has the same shape as the embedding table, transposed, and weight tying reuses one matrix for both jobs. It saves vocabulary × d_model parameters (38.6 million in GPT-2 small, which ties them) and helps smaller models, because every gradient through the output also trains the input vectors of rare words.

Large models often keep the two separate: the saving is small relative to their size.

**Picture:** a single rubber stamp used at the gate to press tokens into vectors and, turned around, at the exit to read them back.`,
    },
    {
      key: "qkv",
      room: "attention",
      title: "Queries, keys and values",
      kind: "layer",
      tags: ["attention", "projection"],
      after: ["token-embedding"],
      notes: `Each token's vector is projected three times by learned matrices. The **query** says what the token is looking for, the **key** advertises what it contains, and the **value** is what it hands over when chosen. Attention compares every query with every key to decide how much of each value to gather.

Separating the roles lets a token be found for one reason and contribute something else: a pronoun can match a noun by its key while pulling in that noun's meaning through its value.

**Picture:** a library where every book wears a title card (key), a reader holds a wish list (query), and the pages (values) are what get copied.`,
    },
    {
      key: "scaled-dot-product",
      room: "attention",
      title: "Scaled dot-product attention",
      kind: "layer",
      tags: ["attention", "softmax"],
      after: ["qkv"],
      diagram: attentionDiagram,
      notes: `Attention(Q, K, V) = softmax(QKᵀ / √d_k) V. Each row of QKᵀ scores one query against all keys; the softmax turns scores into weights that sum to one; the output is the weighted average of the values.

**Why divide by √d_k:** for random vectors of dimension d_k the dot product has variance proportional to d_k. Without scaling, large dimensions push the softmax into saturation, where one weight is nearly 1 and gradients through the others vanish. The scaling keeps the logits near unit variance at initialisation.

**Picture:** a dimmer switch labelled √d_k turning down a blinding spotlight so every face in the crowd stays visible.

**Number:** divide by √d_k, 8 when d_k = 64.`,
    },
    {
      key: "rope",
      room: "attention",
      title: "Rotary position embedding (RoPE)",
      kind: "technique",
      tags: ["position", "attention"],
      after: ["positional-encoding", "scaled-dot-product"],
      notes: `RoPE encodes position inside attention rather than adding it to the input. Queries and keys are split into pairs of dimensions, and each pair is rotated by an angle proportional to the token's position, with a different frequency per pair. The dot product between a rotated query and a rotated key then depends only on their content and the difference between their positions.

It is the default in most recent open language models. Extending context beyond the trained length usually rescales its frequencies (position interpolation, NTK-aware scaling, YaRN).

**Picture:** two dancers on a turntable: however far the turntable has spun, the angle between them is all that counts.`,
    },
    {
      key: "multi-head",
      room: "attention",
      title: "Multi-head attention",
      kind: "block",
      tags: ["attention", "heads"],
      after: ["scaled-dot-product"],
      checks: [{ calc: "quotient", args: [512, 8], says: "heads of 64" }],
      notes: `Instead of one attention over d_model dimensions, the model runs h heads in parallel, each with its own query, key and value projections of size d_model / h: the original base model split 512 dimensions into 8 heads of 64. Outputs are concatenated and mixed by an output projection, at about the cost of one wide head.

Heads learn different relations: some track the previous token, some match brackets, some copy earlier occurrences of the current token (induction heads). Grouped-query attention lets several query heads share one key and value head to shrink memory at inference.

**Picture:** eight spotlights on one stage, each operator following a different actor.

**Number:** 8 heads of 64 in the base model.`,
    },
    {
      key: "causal-mask",
      room: "attention",
      title: "Causal mask",
      kind: "technique",
      tags: ["attention", "decoder"],
      after: ["scaled-dot-product"],
      diagram: maskDiagram,
      notes: `A decoder that predicts the next token must not peek at the future. Before the softmax, every score where the key comes after the query is set to minus infinity, so those weights become exactly zero. The result is a lower-triangular attention pattern.

The mask is what allows training on a whole sequence at once: one forward pass produces a prediction at every position, each using only the tokens before it, which gives as many training signals as there are positions. Padding masks work the same way to ignore filler tokens.

**Picture:** a staircase of theatre seats where each spectator wears blinkers that only let them look back down the rows.`,
    },
    {
      key: "cross-attention",
      room: "attention",
      title: "Encoder–decoder cross-attention",
      kind: "layer",
      tags: ["attention", "seq2seq"],
      after: ["multi-head", "causal-mask"],
      notes: `In the original encoder–decoder transformer, each decoder block has a second attention layer whose queries come from the decoder while keys and values come from the encoder's final outputs. This is how the translation being written looks back at the source sentence.

The encoder itself uses unmasked attention, because the whole input is known in advance. Decoder-only models such as GPT drop the encoder and cross-attention entirely, simply placing the input before the output in one sequence; T5 and Whisper keep both halves.

**Picture:** an interpreter in a booth with headphones on the speaker's microphone, writing only in her own language.`,
    },
    {
      key: "kv-cache",
      room: "attention",
      title: "KV cache",
      kind: "technique",
      tags: ["inference", "memory"],
      after: ["causal-mask", "multi-head"],
      checks: [{ calc: "product", args: [2, 32, 32, 128, 2], says: "524,288 bytes" }],
      notes: `When generating one token at a time, the keys and values of earlier tokens never change, because the causal mask stops them seeing anything new. The KV cache stores them, so each step computes projections only for the newest token.

That saves recomputation but costs memory: 2 (keys and values) × layers × key-value heads × head size × bytes per number, per token. For Llama 2 7B (32 layers, 32 heads of 128, 2-byte numbers) that is 524,288 bytes, half a mebibyte per token. Long contexts are often limited by this cache, hence grouped-query attention and cache quantisation.

**Picture:** a cloakroom whose racks of coats, two per guest per floor, fill up the building as the party grows.

**Number:** half a mebibyte per token for a 7B model.`,
    },
    {
      key: "flash-attention",
      room: "attention",
      title: "Quadratic cost and FlashAttention",
      kind: "technique",
      tags: ["efficiency", "attention"],
      after: ["scaled-dot-product"],
      notes: `Full attention compares every token with every other, so time and the size of the score matrix grow with the square of sequence length. Materialising an n × n matrix in GPU memory is often the real bottleneck, not the arithmetic.

FlashAttention computes exactly the same result in tiles that fit in on-chip memory, keeping running softmax maxima and sums so the full matrix is never written out. It uses memory linear in length and is several times faster. Sparse, sliding-window and linear attention trade exactness for lower cost instead.

**Picture:** a quilter sewing a vast quilt one small square at a time on her lap, never unrolling the whole thing.`,
    },
    {
      key: "residual-stream",
      room: "block",
      title: "Residual stream",
      kind: "other",
      tags: ["residual", "architecture"],
      diagram: blockDiagram,
      notes: `Every sublayer in a transformer adds its output to its input: x ← x + Attention(x), then x ← x + MLP(x). The running vector x is called the residual stream. Sublayers read from it and write small updates back, and nothing forces information to pass through every layer.

This gives gradients a direct path from the loss to the embeddings, which is what makes stacks of dozens of blocks trainable. It also explains why layers can often be removed or reordered with modest damage, and why interpretability work treats the stream as a shared communication channel.

**Picture:** a river flowing through a town where each workshop on the bank dips in a bucket and pours something back.`,
    },
    {
      key: "layer-norm",
      room: "block",
      title: "LayerNorm: pre-norm and post-norm",
      kind: "layer",
      tags: ["normalisation"],
      after: ["residual-stream"],
      notes: `Layer normalisation rescales each token's vector to zero mean and unit variance across its features, then applies a learned gain and bias. It does not depend on the batch, so it behaves the same in training and generation. RMSNorm drops the mean subtraction and is slightly cheaper.

The original transformer normalised after each residual addition (post-norm), which trains deep stacks only with a careful warmup. Most modern models normalise the sublayer's input instead (pre-norm), leaving the residual path untouched and training far more stably, with a final norm before the output head.

**Picture:** a tailor standing either at the workshop door, fitting each token before it goes in (pre-norm), or on the river bank after it (post-norm).`,
    },
    {
      key: "mlp",
      room: "block",
      title: "Position-wise feed-forward network",
      kind: "layer",
      tags: ["mlp"],
      after: ["residual-stream"],
      notes: `After attention mixes information between tokens, the feed-forward network processes each token on its own: a linear layer expands d_model to about four times its width, a non-linearity is applied, and a second linear layer projects back. The same weights serve every position.

With the fourfold expansion these layers hold 8d² of a block's 12d² weights, two thirds of them, and are thought to store much of the model's factual knowledge, acting like key-value memories.

**Picture:** a private booth per token where a tall filing cabinet four times wider than the door is searched and one card handed back.

**Number:** two thirds of each block's weights.`,
    },
    {
      key: "gelu-swiglu",
      room: "block",
      title: "GELU and SwiGLU activations",
      kind: "layer",
      tags: ["activation", "mlp"],
      after: ["mlp"],
      notes: `GELU multiplies its input by the probability that a standard normal variable is below it: x·Φ(x). It behaves like ReLU for large inputs but is smooth near zero and lets small negative values through, and it became the standard in BERT and GPT models.

SwiGLU is a gated variant: the input goes through two linear projections, one passed through Swish (x·sigmoid(x)), and the two are multiplied element-wise. It improves quality at equal compute; with three matrices instead of two, models shrink the hidden width to about 8/3 of d_model to keep the parameter count level.

**Picture:** a gatekeeper holding a second lantern: one beam carries the message, the other decides how brightly it passes.

**Number:** hidden width 8/3 × d_model with SwiGLU.`,
    },
    {
      key: "moe",
      room: "block",
      title: "Mixture of experts",
      kind: "block",
      tags: ["mlp", "sparsity", "scaling"],
      after: ["mlp"],
      notes: `A mixture-of-experts layer replaces the single feed-forward network with many parallel ones, the experts, and a small router that sends each token to only the top one or two. Parameters grow with the number of experts while compute per token stays close to a dense model's: Mixtral 8x7B routes every token to 2 of its 8 experts per layer, storing about 47 billion parameters but using about 13 billion per token.

Routers tend to collapse onto a few favourite experts, so training adds a load-balancing loss and caps each expert's capacity. All experts must still sit in memory.

**Picture:** a hospital corridor of eight specialists, a triage nurse at the door sending each patient to just two of them.

**Number:** 2 of 8 experts per token in Mixtral.`,
    },
    {
      key: "param-flops",
      room: "block",
      title: "Counting parameters and FLOPs",
      kind: "other",
      tags: ["scaling", "compute"],
      after: ["mlp", "multi-head", "token-embedding"],
      checks: [
        { calc: "gpt-params-millions", args: [GPT2.layers, GPT2.d, GPT2.vocab, GPT2.context], says: "124 million" },
        { calc: "train-flops", args: [124, 10], says: "7.4e18" },
      ],
      notes: `Each block holds about 12d² weights: 4d² in the attention projections and 8d² in an MLP four times as wide. GPT-2 small, with 12 layers, d = 768, a vocabulary of 50,257 and 1024 positions, adds up to 12 · 12 · 768² + (50,257 + 1024) · 768 ≈ 124 million, the released model's count once biases and norms are added (the GPT-2 paper rounded it to 117 million).

Training costs about 6 FLOPs per parameter per token (2 forward, 4 backward): 124 million parameters on 10 billion tokens need about 7.4e18. Generation costs about 2 per parameter per token, plus attention over the context.

**Picture:** an accountant's ledger with twelve identical pages, each stamped 12d², and a fat appendix for the vocabulary.

**Number:** 6 × parameters × tokens.`,
    },
    {
      key: "transformer-dropout",
      room: "block",
      title: "Dropout in transformers",
      kind: "technique",
      tags: ["regularisation"],
      after: ["residual-stream"],
      notes: `The original paper applied dropout in two places: to each sublayer's output before it is added to the residual stream, and to the sums of embeddings and positional encodings. The base model used a rate of 0.1, the big English–German model 0.3, and training also used label smoothing of 0.1. Dropout on the attention weights came later, from implementations such as BERT and GPT-2.

Large language models pretrained for a single pass over huge corpora rarely overfit, so many switch dropout off; fine-tuning on a small labelled set is where it earns its place again.

**Picture:** a workshop whose every delivery to the river loses a random tenth of its crates on the way.

**Number:** rate 0.1 in the base model.`,
    },
    {
      key: "lm-head",
      room: "output",
      title: "Language-model head and softmax",
      kind: "layer",
      tags: ["output", "softmax"],
      after: ["weight-tying", "layer-norm"],
      notes: `At the top of the stack a final normalisation is applied and a linear layer, often the tied embedding matrix, maps each hidden vector to one score (logit) per vocabulary entry. A softmax turns the logits into a probability distribution over the next token.

At inference the distribution is sampled. Temperature divides the logits before the softmax: below 1 it sharpens the distribution towards the likeliest tokens, above 1 it flattens it. Top-k and nucleus (top-p) sampling cut off the long tail of unlikely tokens that would otherwise produce occasional nonsense.

**Picture:** a fortune teller spinning a wheel with 50,257 slices, a temperature dial on its side that evens out the slice sizes.`,
    },
    {
      key: "next-token-loss",
      room: "output",
      title: "Next-token cross-entropy",
      kind: "loss",
      tags: ["loss", "pretraining"],
      after: ["lm-head", "causal-mask"],
      checks: [{ calc: "ln", args: [50_257], says: "10.8" }],
      notes: `A decoder is trained by maximising the log-probability it assigns to each actual next token: the loss is the average of −ln p(correct token) over all positions, the cross-entropy between the one-hot target and the predicted distribution.

Perplexity, exp(loss), reads as the effective number of equally likely choices. A freshly initialised model over a vocabulary of V = 50,257 tokens should start near ln V ≈ 10.8; an initial loss far above that means a bug or a badly scaled output layer, not bad luck.

**Picture:** a guessing game where every wrong guess about the next word costs a stack of coins, the stack growing with the logarithm of the odds.

**Number:** ln V at step zero.`,
    },
    {
      key: "teacher-forcing",
      room: "output",
      title: "Teacher forcing",
      kind: "technique",
      tags: ["training", "decoder"],
      after: ["next-token-loss"],
      notes: `During training the decoder is always fed the true previous tokens, not its own predictions. Combined with the causal mask, this lets every position be trained in parallel in one pass.

The catch is exposure bias: at generation time the model conditions on its own output, which may contain mistakes it never saw during training, and errors can compound over a long sequence. In practice, large-scale pretraining makes this less damaging than once feared, and fine-tuning methods that train on the model's own samples address it directly.

**Picture:** a cyclist with stabilisers whispering the route at every turn, then the stabilisers come off on the open road.`,
    },
    {
      key: "masked-lm",
      room: "output",
      title: "Encoder-only models and masked language modelling",
      kind: "technique",
      tags: ["pretraining", "bert"],
      after: ["next-token-loss", "cross-attention"],
      notes: `An encoder-only model such as BERT drops the causal mask, so every token attends in both directions, and is pretrained to fill in blanks: 15% of input tokens are chosen, of which 80% become [MASK], 10% a random token and 10% stay unchanged, and the loss is cross-entropy on the chosen positions only.

The result is a bidirectional representation suited to classification, tagging and retrieval rather than generation. BERT-base has 12 layers, d = 768 and about 110 million parameters; a [CLS] token's final vector summarises the input.

**Picture:** a crossword in which a few words are inked out and the solver may read the whole grid, left and right.

**Number:** 15% of tokens masked.`,
    },
    {
      key: "warmup",
      room: "output",
      title: "Learning-rate warmup for transformers",
      kind: "optimizer",
      tags: ["schedule", "adam"],
      after: ["layer-norm"],
      diagram: scheduleDiagram,
      notes: `Transformers are trained with Adam or AdamW on a schedule that starts the learning rate near zero, raises it linearly over the first few thousand steps, then decays it. The original paper warmed up for 4000 steps and decayed with the inverse square root of the step; cosine decay is common today.

Early on, Adam's variance estimates rest on few samples and activations are poorly scaled, so full-size steps can diverge. Warmup matters most for post-norm models, which often fail without it; pre-norm models tolerate a much shorter warmup, and most recipes keep one anyway.

**Picture:** a jet taxiing slowly down the runway before opening the throttle.

**Number:** 4000 warmup steps in the original.`,
    },
    {
      key: "stability",
      room: "output",
      title: "Settings that keep training stable",
      kind: "technique",
      tags: ["stability", "training"],
      after: ["warmup", "layer-norm"],
      notes: `Large transformer runs die from loss spikes more often than from bad ideas. Common defences: pre-norm with a final norm, warmup, gradient clipping at a global norm of 1.0, AdamW with β₂ lowered to 0.95 and weight decay around 0.1, and bfloat16 rather than float16 arithmetic.

Some add a z-loss that keeps the softmax normaliser near one, normalise queries and keys before their dot product (QK-norm) to stop attention logits growing, or drop bias terms. When a spike still happens, restarting from an earlier checkpoint and skipping the offending batches usually works.

**Picture:** a tightrope walker with a balancing pole, a safety net and a harness, each clipped on before she steps out.

**Number:** clip the gradient norm at 1.0.`,
    },
    {
      key: "attention-paper",
      room: "output",
      title: "Attention Is All You Need (2017)",
      kind: "paper",
      tags: ["paper", "history"],
      sourceUrl: "https://arxiv.org/abs/1706.03762",
      after: ["multi-head", "cross-attention", "positional-encoding"],
      notes: `Vaswani and colleagues at Google proposed a sequence model built only from attention and feed-forward layers, with no recurrence or convolution. On English–German and English–French translation it beat the best recurrent models while training in a fraction of the time, because every position of a sequence is processed in parallel.

The paper introduced scaled dot-product and multi-head attention, sinusoidal positions and the encoder–decoder layout with residual connections and layer normalisation around every sublayer. Its base model had 6 layers on each side, d_model = 512 and 8 heads. Nearly every large language model descends from it.

**Picture:** a family tree on the wall whose root is a single 2017 paper and whose branches carry every chatbot you know.

**Number:** 6 layers, 512 wide, 8 heads.`,
    },
  ],
  links: [
    { from: "tokenisation", to: "token-embedding", label: "ids index" },
    { from: "token-embedding", to: "weight-tying", label: "shared with the output in" },
    { from: "weight-tying", to: "lm-head", label: "supplies the matrix of" },
    { from: "positional-encoding", to: "rope", label: "largely replaced by" },
    { from: "rope", to: "qkv", label: "rotates queries and keys of" },
    { from: "qkv", to: "scaled-dot-product", label: "inputs of" },
    { from: "scaled-dot-product", to: "multi-head", label: "repeated in" },
    { from: "causal-mask", to: "scaled-dot-product", label: "applied in" },
    { from: "causal-mask", to: "teacher-forcing", label: "enables" },
    { from: "kv-cache", to: "causal-mask", label: "relies on" },
    { from: "flash-attention", to: "scaled-dot-product", label: "computes exactly" },
    { from: "multi-head", to: "residual-stream", label: "writes to" },
    { from: "mlp", to: "residual-stream", label: "writes to" },
    { from: "layer-norm", to: "residual-stream", label: "reads" },
    { from: "gelu-swiglu", to: "mlp", label: "activation of" },
    { from: "moe", to: "mlp", label: "splits into experts" },
    { from: "param-flops", to: "token-embedding", label: "counts" },
    { from: "lm-head", to: "next-token-loss", label: "scored by" },
    { from: "cross-attention", to: "qkv", label: "takes keys and values from the encoder as" },
    { from: "masked-lm", to: "causal-mask", label: "drops" },
    { from: "warmup", to: "layer-norm", label: "matters more with post-norm" },
    { from: "stability", to: "warmup", label: "includes" },
    { from: "attention-paper", to: "multi-head", label: "introduced" },
    { from: "transformer-dropout", to: "residual-stream", label: "drops sublayer outputs before adding to" },
  ],
});
