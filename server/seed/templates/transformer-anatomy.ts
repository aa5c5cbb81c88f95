// Starter palace: the parts of a transformer, from tokens in to probabilities out.
import { defineTemplate } from "./template-kit";

export const transformerAnatomy = defineTemplate({
  title: "Transformer anatomy",
  description:
    "Walk through a transformer the way a token does: it is cut from text and embedded, attends to its neighbours, is refined block after block along the residual stream, and leaves as a probability over the next token.",
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
      notes: `Before a transformer sees text, a tokeniser cuts it into pieces from a fixed vocabulary, typically 30,000 to 200,000 entries. Byte-pair encoding (BPE) builds that vocabulary by starting from bytes or characters and repeatedly merging the most frequent adjacent pair; WordPiece and the unigram model of SentencePiece are close relatives. Common words become one token, rare words split into several, and nothing is ever out of vocabulary.

**Why it matters:** sequence length, cost and even arithmetic skill depend on how text is cut. A model only ever works with token ids, never letters.`,
    },
    {
      key: "token-embedding",
      room: "tokens",
      title: "Token embedding table",
      kind: "layer",
      tags: ["embedding"],
      notes: `The embedding is a learned matrix with one row of length d_model per vocabulary entry. Looking up a token id simply selects its row, which is the same as multiplying a one-hot vector by the matrix, only far cheaper. These vectors are trained with the rest of the network, so tokens used in similar contexts end up near one another.

For a vocabulary of 50,000 and d_model of 4,096 the table alone holds about 200 million parameters, which is why small models spend a large share of their budget here.`,
    },
    {
      key: "positional-encoding",
      room: "tokens",
      title: "Sinusoidal positional encoding",
      kind: "technique",
      tags: ["position"],
      notes: `Attention treats its input as a set: shuffle the tokens and each output is shuffled the same way. Order has to be injected. The original transformer adds to every embedding a fixed vector of sines and cosines whose wavelengths form a geometric series from 2π to 10,000·2π. Each position gets a unique pattern, and the encoding of position p + k is a linear function of that of p, which makes relative offsets easy to read.

Learned absolute position embeddings work as well within the trained length but cannot extrapolate beyond it.`,
    },
    {
      key: "rope",
      room: "tokens",
      title: "Rotary position embedding (RoPE)",
      kind: "technique",
      tags: ["position", "attention"],
      notes: `RoPE encodes position inside attention rather than adding it to the input. Queries and keys are split into pairs of dimensions, and each pair is rotated by an angle proportional to the token's position, with a different frequency per pair. The dot product between a rotated query and a rotated key then depends only on their content and the difference between their positions.

It is the default in most recent open language models. Extending context beyond the trained length usually rescales its frequencies (position interpolation, NTK-aware scaling, YaRN).`,
    },
    {
      key: "weight-tying",
      room: "tokens",
      title: "Tied input and output embeddings",
      kind: "technique",
      tags: ["embedding", "parameters"],
      notes: `The output layer that turns a final hidden state into a score per vocabulary entry has the same shape as the embedding table, transposed. Weight tying reuses one matrix for both jobs. It saves vocabulary × d_model parameters and tends to help smaller models, because every gradient through the output also trains the input representation of rare words.

Large models often keep the two matrices separate: the saving is small relative to their size, and untied matrices give a little more freedom to the output distribution.`,
    },
    {
      key: "qkv",
      room: "attention",
      title: "Queries, keys and values",
      kind: "layer",
      tags: ["attention", "projection"],
      notes: `Each token's vector is projected three times by learned matrices. The **query** says what the token is looking for, the **key** advertises what it contains, and the **value** is what it hands over when chosen. Attention compares every query with every key to decide how much of each value to gather.

Separating the roles lets a token be found for one reason and contribute something else: a pronoun can match a noun by its key while pulling in that noun's meaning through its value.`,
    },
    {
      key: "scaled-dot-product",
      room: "attention",
      title: "Scaled dot-product attention",
      kind: "layer",
      tags: ["attention", "softmax"],
      notes: `Attention(Q, K, V) = softmax(QKᵀ / √d_k) V. Each row of QKᵀ scores one query against all keys; the softmax turns scores into weights that sum to one; the output is the weighted average of the values.

**Why divide by √d_k:** for random vectors of dimension d_k the dot product has variance proportional to d_k. Without scaling, large dimensions push the softmax into saturation, where one weight is nearly 1 and gradients through the others vanish. The scaling keeps the logits near unit variance at initialisation.`,
    },
    {
      key: "multi-head",
      room: "attention",
      title: "Multi-head attention",
      kind: "block",
      tags: ["attention", "heads"],
      notes: `Instead of one attention over d_model dimensions, the model runs h heads in parallel, each with its own query, key and value projections of size d_model / h. Their outputs are concatenated and mixed by an output projection. The cost is about the same as a single wide head.

Different heads learn different relations: some track the previous token, some match brackets, some copy earlier occurrences of the current token (induction heads). Grouped-query attention lets several query heads share one key and value head to shrink memory at inference.`,
    },
    {
      key: "causal-mask",
      room: "attention",
      title: "Causal mask",
      kind: "technique",
      tags: ["attention", "decoder"],
      notes: `A decoder that predicts the next token must not peek at the future. Before the softmax, every score where the key comes after the query is set to minus infinity, so those weights become exactly zero. The result is a lower-triangular attention pattern.

The mask is what allows training on a whole sequence at once: one forward pass produces a prediction at every position, each using only the tokens before it, which gives as many training signals as there are positions. Padding masks work the same way to ignore filler tokens.`,
    },
    {
      key: "kv-cache",
      room: "attention",
      title: "KV cache",
      kind: "technique",
      tags: ["inference", "memory"],
      notes: `When generating one token at a time, the keys and values of earlier tokens never change, because the causal mask stops them seeing anything new. The KV cache stores them, so each step computes projections for only the newest token and attends over the stored ones.

This turns generation from quadratic recomputation into linear work per step, at the cost of memory: layers × 2 × sequence length × key-value heads × head size per sequence. Long contexts are often limited by this cache rather than by the weights, which is why grouped-query attention and cache quantisation exist.`,
    },
    {
      key: "flash-attention",
      room: "attention",
      title: "Quadratic cost and FlashAttention",
      kind: "technique",
      tags: ["efficiency", "attention"],
      notes: `Full attention compares every token with every other, so time and the size of the score matrix grow with the square of sequence length. Materialising an n × n matrix in GPU memory is often the real bottleneck, not the arithmetic.

FlashAttention computes exactly the same result in tiles that fit in on-chip memory, keeping running softmax maxima and sums so the full matrix is never written out. It uses memory linear in length and is several times faster. Sparse, sliding-window and linear attention trade exactness for lower cost instead.`,
    },
    {
      key: "residual-stream",
      room: "block",
      title: "Residual stream",
      kind: "other",
      tags: ["residual", "architecture"],
      notes: `Every sublayer in a transformer adds its output to its input: x ← x + Attention(x), then x ← x + MLP(x). The running vector x is called the residual stream. Sublayers read from it and write small updates back, and nothing forces information to pass through every layer.

This gives gradients a direct path from the loss to the embeddings, which is what makes stacks of dozens of blocks trainable. It also explains why layers can often be removed or reordered with modest damage, and why interpretability work treats the stream as a shared communication channel.`,
    },
    {
      key: "layer-norm",
      room: "block",
      title: "LayerNorm: pre-norm and post-norm",
      kind: "layer",
      tags: ["normalisation"],
      notes: `Layer normalisation rescales each token's vector to zero mean and unit variance across its features, then applies a learned gain and bias. It does not depend on the batch, so it behaves the same in training and generation. RMSNorm drops the mean subtraction and is slightly cheaper.

The original transformer normalised after each residual addition (post-norm), which needs careful warmup to train deep stacks. Most modern models normalise the sublayer's input instead (pre-norm), leaving the residual path untouched and making training much more stable, with a final norm before the output head.`,
    },
    {
      key: "mlp",
      room: "block",
      title: "Position-wise feed-forward network",
      kind: "layer",
      tags: ["mlp"],
      notes: `After attention mixes information between tokens, the feed-forward network processes each token on its own: a linear layer expands d_model to about four times its width, a non-linearity is applied, and a second linear layer projects back. The same weights serve every position.

These layers hold roughly two thirds of a transformer's parameters and are thought to store much of its factual knowledge, acting like key-value memories. Mixture-of-experts models replace the single network with many experts and route each token to only a few of them.`,
    },
    {
      key: "gelu-swiglu",
      room: "block",
      title: "GELU and SwiGLU activations",
      kind: "layer",
      tags: ["activation", "mlp"],
      notes: `GELU multiplies its input by the probability that a standard normal variable is below it: x·Φ(x). It behaves like ReLU for large inputs but is smooth near zero and lets small negative values through, and it became the standard in BERT and GPT models.

SwiGLU is a gated variant: the input goes through two linear projections, one passed through Swish (x·sigmoid(x)), and the two are multiplied element-wise. It consistently improves quality at equal compute, so models using it shrink the hidden width to about 8/3 of d_model to keep the parameter count level.`,
    },
    {
      key: "transformer-dropout",
      room: "block",
      title: "Dropout in transformers",
      kind: "technique",
      tags: ["regularisation"],
      notes: `The original transformer applied dropout at 0.1 in three places: on the sum of embeddings and positions, on each sublayer's output before the residual addition, and on the attention weights. This helps when data is limited, as in translation or fine-tuning on a small set.

Large language models pretrained for a single pass over huge corpora rarely overfit, so many switch dropout off entirely: every unit then contributes to every step, and training gets slightly faster. Fine-tuning a small labelled dataset is where it earns its place again.`,
    },
    {
      key: "lm-head",
      room: "output",
      title: "Language-model head and softmax",
      kind: "layer",
      tags: ["output", "softmax"],
      notes: `At the top of the stack a final normalisation is applied and a linear layer maps each hidden vector to one score (logit) per vocabulary entry. A softmax turns the logits into a probability distribution over the next token.

At inference the distribution is sampled. Temperature divides the logits before the softmax: below 1 it sharpens the distribution towards the likeliest tokens, above 1 it flattens it. Top-k and nucleus (top-p) sampling cut off the long tail of unlikely tokens that would otherwise produce occasional nonsense.`,
    },
    {
      key: "next-token-loss",
      room: "output",
      title: "Next-token cross-entropy",
      kind: "loss",
      tags: ["loss", "pretraining"],
      notes: `A decoder is trained by maximising the log-probability it assigns to each actual next token: the loss is the average of −log p(correct token) over all positions. It is the cross-entropy between the one-hot target and the predicted distribution.

Perplexity, exp(loss), reads as the effective number of equally likely choices the model hesitates between. A model that guessed uniformly over 50,000 tokens would have a loss of about 10.8 at the start of training; a sudden loss far above that usually signals a bug, not bad luck.`,
    },
    {
      key: "teacher-forcing",
      room: "output",
      title: "Teacher forcing",
      kind: "technique",
      tags: ["training", "decoder"],
      notes: `During training the decoder is always fed the true previous tokens, not its own predictions. Combined with the causal mask, this lets every position be trained in parallel in one pass.

The catch is exposure bias: at generation time the model conditions on its own output, which may contain mistakes it never saw during training, and errors can compound over a long sequence. In practice, large-scale pretraining makes this less damaging than once feared, and fine-tuning methods that train on the model's own samples address it directly.`,
    },
    {
      key: "cross-attention",
      room: "output",
      title: "Encoder–decoder cross-attention",
      kind: "layer",
      tags: ["attention", "seq2seq"],
      notes: `In the original encoder–decoder transformer, each decoder block has a second attention layer whose queries come from the decoder while keys and values come from the encoder's final outputs. This is how the translation being written looks back at the source sentence.

The encoder itself uses unmasked attention, because the whole input is known in advance. Decoder-only models such as GPT drop the encoder and cross-attention entirely, simply placing the input before the output in one sequence; T5 and Whisper keep both halves.`,
    },
    {
      key: "warmup",
      room: "output",
      title: "Learning-rate warmup for transformers",
      kind: "optimizer",
      tags: ["schedule", "adam"],
      notes: `Transformers are usually trained with Adam or AdamW and a schedule that starts the learning rate near zero, raises it linearly over the first few thousand steps, then decays it. The original paper decayed with the inverse square root of the step; cosine decay is common today.

Early on, Adam's estimates of gradient variance rest on few samples and the network's activations are poorly scaled, so large steps can diverge, especially with post-norm. Warmup lets both settle before the optimiser takes full-sized steps.`,
    },
    {
      key: "attention-paper",
      room: "output",
      title: "Attention Is All You Need (2017)",
      kind: "paper",
      tags: ["paper", "history"],
      sourceUrl: "https://arxiv.org/abs/1706.03762",
      notes: `Vaswani and colleagues at Google proposed a sequence model built only from attention and feed-forward layers, with no recurrence or convolution. On English–German and English–French translation it beat the best recurrent models while training in a fraction of the time, because every position of a sequence is processed in parallel.

The paper introduced scaled dot-product and multi-head attention, sinusoidal positions and the encoder–decoder layout with residual connections and layer normalisation around every sublayer. Nearly every large language model descends from it.`,
    },
  ],
  links: [
    { from: "tokenisation", to: "token-embedding", label: "ids index" },
    { from: "token-embedding", to: "weight-tying", label: "shared with" },
    { from: "weight-tying", to: "lm-head", label: "reused by" },
    { from: "positional-encoding", to: "rope", label: "superseded by" },
    { from: "rope", to: "qkv", label: "rotates" },
    { from: "qkv", to: "scaled-dot-product", label: "inputs of" },
    { from: "scaled-dot-product", to: "multi-head", label: "repeated in" },
    { from: "causal-mask", to: "scaled-dot-product", label: "applied in" },
    { from: "causal-mask", to: "teacher-forcing", label: "enables" },
    { from: "kv-cache", to: "causal-mask", label: "relies on" },
    { from: "flash-attention", to: "scaled-dot-product", label: "computes" },
    { from: "multi-head", to: "residual-stream", label: "writes to" },
    { from: "mlp", to: "residual-stream", label: "writes to" },
    { from: "layer-norm", to: "residual-stream", label: "reads" },
    { from: "gelu-swiglu", to: "mlp", label: "activation of" },
    { from: "lm-head", to: "next-token-loss", label: "scored by" },
    { from: "cross-attention", to: "qkv", label: "variant of" },
    { from: "warmup", to: "layer-norm", label: "matters more with post-norm" },
    { from: "attention-paper", to: "multi-head", label: "introduced" },
    { from: "transformer-dropout", to: "residual-stream", label: "applied before" },
  ],
});
