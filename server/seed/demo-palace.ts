// The demo palace: a five-room walk through convolutional networks, seeded for first-time visitors.
// The route runs through the rooms in a chain (entrance, convolutions, pooling and normalisation,
// training, landmark architectures), so no room is crossed twice.
import { chain, flow, grid, HUES, line, plot, rect, sample, sketch, text } from "./diagrams";
import type { SeedPalace } from "./seed.types";

const tensorDiagram = sketch("An RGB image is a 3 × H × W tensor", [
  ...[
    { dx: 80, fill: "#f3c4c0", name: "R" },
    { dx: 40, fill: "#c8e6c9", name: "G" },
    { dx: 0, fill: "#c5d8f0", name: "B" },
  ].map(({ dx, fill, name }) => grid(260 + dx, 180 - dx, 6, 40, () => fill) + text(260 + dx + 220, 180 - dx + 20, name, { size: 20, weight: "bold" })),
  line(250, 430, 500, 430, { arrow: true }),
  text(375, 455, "W (columns)"),
  line(230, 180, 230, 420, { arrow: true }),
  text(170, 300, "H (rows)"),
  line(640, 110, 590, 135, { arrow: true }),
  text(680, 95, "C = 3 channels"),
  text(660, 400, "x' = (x − mean) / std\nper channel", { size: 17 }),
]);

const convDiagram = sketch("A 3 × 3 kernel slides over the input", [
  grid(90, 110, 6, 48, (r, c) => (r >= 1 && r <= 3 && c >= 2 && c <= 4 ? "#f8d58a" : null)),
  text(234, 420, "input 6 × 6"),
  line(400, 260, 500, 260, { arrow: true }),
  text(450, 230, "weighted sum", { size: 15 }),
  grid(530, 160, 4, 48, (r, c) => (r === 1 && c === 2 ? "#f8d58a" : null)),
  text(626, 400, "feature map 4 × 4"),
  text(400, 470, "no padding, stride 1: 6 − 3 + 1 = 4", { size: 17 }),
]);

const POOL = [
  [1, 3, 2, 0],
  [5, 2, 1, 4],
  [0, 1, 7, 2],
  [3, 2, 1, 6],
];
const POOL_FILLS = [HUES.rose, HUES.blue, HUES.green, HUES.amber];
const quadrant = (r: number, c: number) => POOL_FILLS[Math.floor(r / 2) * 2 + Math.floor(c / 2)]!;
const poolDiagram = sketch("2 × 2 max pooling, stride 2", [
  grid(110, 110, 4, 70, quadrant),
  ...POOL.flatMap((row, r) => row.map((v, c) => text(145 + c * 70, 145 + r * 70, String(v), { size: 24 }))),
  line(420, 250, 520, 250, { arrow: true }),
  grid(550, 180, 2, 70, quadrant),
  ...[
    [5, 4],
    [3, 7],
  ].flatMap((row, r) => row.map((v, c) => text(585 + c * 70, 215 + r * 70, String(v), { size: 24, weight: "bold" }))),
  text(400, 440, "each window keeps its largest value", { size: 18 }),
]);

const crossEntropyDiagram = plot("Cross-entropy: −ln p of the true class", {
  xLabel: "probability given to the true class",
  yLabel: "loss",
  xMax: 1,
  yMax: 5,
  series: [{ label: "−ln p", points: sample((p) => -Math.log(Math.max(p, 0.007)), 1).slice(1) }],
  marks: [
    { x: 0.1, label: "0.1" },
    { x: 0.5, label: "0.5" },
  ],
});

const trainingLoss = (t: number) => 2.6 * Math.exp(-t / 22) + 0.1;
const validationLoss = (t: number) => trainingLoss(t) + 0.25 + (Math.max(0, t - 20) / 80) ** 2 * 1.6;
const bestEpoch = sample(validationLoss, 100).reduce((best, p) => (p[1] < best[1] ? p : best))[0];
const overfitDiagram = plot("Overfitting: the curves part ways", {
  xLabel: "epochs",
  yLabel: "loss",
  xMax: 100,
  yMax: 3,
  series: [
    { label: "training", points: sample(trainingLoss, 100) },
    { label: "validation", points: sample(validationLoss, 100), dashed: true },
  ],
  marks: [{ x: bestEpoch, label: "stop here" }],
});

const block = chain("res", ["x", "conv 3×3\nBN, ReLU", "conv 3×3\nBN", "+", "ReLU", "out"], {
  y: 340,
  fills: [HUES.grey, HUES.blue, HUES.blue, HUES.rose, HUES.green, HUES.grey],
});
const [input, , , sum] = block.nodes;
const resnetDiagram = flow(
  "Residual block: out = ReLU(F(x) + x)",
  block.nodes.map((n) => ({ ...n, h: 70 })),
  [...block.edges, { from: input!.id, to: sum!.id, via: [[input!.x, 170], [sum!.x, 170]], label: "identity shortcut" }],
  [rect(block.nodes[1]!.x - 70, 285, block.nodes[2]!.x - block.nodes[1]!.x + 140, 110, "none", { dashed: true }), text((block.nodes[1]!.x + block.nodes[2]!.x) / 2, 420, "F(x), the learned correction", { size: 16 })],
);

export const demoPalace: SeedPalace = {
  title: "Convolutional networks",
  description:
    "A walk through convolutional neural networks, from how an image becomes a tensor to the layers, the training loop and the landmark architectures that made deep vision models work.",
  rooms: [
    { key: "entrance", name: "Entrance: images as tensors", gridX: 0, gridZ: 0, width: 8, depth: 8, height: 3.5, theme: "sandstone" },
    { key: "conv", name: "Hall of Convolutions", gridX: 8, gridZ: 0, width: 10, depth: 8, height: 4, theme: "slate" },
    { key: "gallery", name: "Gallery of Pooling and Normalisation", gridX: 8, gridZ: 8, width: 10, depth: 8, height: 3.5, theme: "moss" },
    { key: "training", name: "Training Yard", gridX: 0, gridZ: 8, width: 8, depth: 8, height: 3.5, theme: "terracotta" },
    { key: "tower", name: "Tower of Depth", gridX: 0, gridZ: 16, width: 8, depth: 8, height: 5, theme: "indigo" },
  ],
  doors: [
    { a: "entrance", b: "conv", position: 4 },
    { a: "conv", b: "gallery", position: 13 },
    { a: "gallery", b: "training", position: 12 },
    { a: "training", b: "tower", position: 4 },
  ],
  concepts: [
    // ── Entrance: images as tensors ─────────────────────────────────────────
    {
      key: "image-tensor",
      title: "Images as C×H×W tensors",
      kind: "other",
      tags: ["data", "preprocessing"],
      diagram: tensorDiagram,
      notes: `A colour image reaches the network as a 3-D array: **C** channels (3 for RGB), **H** rows and **W** columns; a mini-batch adds a leading axis, N×C×H×W. PyTorch puts channels first, TensorFlow defaults to channels last, and mixing them up scrambles the data silently.

Convert pixels to floats and standardise each channel, x' = (x − mean) / std, with statistics from the training set. A pretrained model expects exactly the statistics it was trained with; feeding it raw pixels lowers accuracy without any error.

**Picture:** three stained-glass panes, red, green and blue, stacked like slices of bread, each pane a chessboard of glowing numbers.

**Number:** ImageNet's channel means 0.485, 0.456, 0.406 (R, G, B).`,
      place: { room: "entrance", x: 2.5, z: 2.5, shape: "cube", color: "#d9a441" },
    },
    {
      key: "data-augmentation",
      title: "Data augmentation",
      kind: "technique",
      tags: ["regularisation", "data"],
      after: ["image-tensor"],
      notes: `Augmentation makes fresh training examples from the ones you have with transformations that keep the label: random crops, horizontal flips, small rotations, colour jitter, and stronger recipes such as Cutout, Mixup or RandAugment. The network sees a slightly different picture every epoch, so it must learn features that survive those changes rather than memorise pixels.

It is often the cheapest regulariser there is. Augment the training set only, and check that each transform really keeps the label: a flip is harmless for a cat but turns a "b" into a "d".

**Picture:** a photocopier in the doorway spitting out the same cat, flipped, cropped, tinted and tilted, copy after copy.`,
      place: { room: "entrance", x: 5, z: 6, shape: "pedestal", color: "#e07a5f" },
    },

    // ── Hall of Convolutions ────────────────────────────────────────────────
    {
      key: "conv-layer",
      title: "Convolution layer and feature maps",
      kind: "layer",
      tags: ["convolution", "weight-sharing"],
      after: ["image-tensor"],
      diagram: convDiagram,
      checks: [{ calc: "conv-params", args: [3, 64, 3], says: "1,792" }],
      notes: `A convolution layer slides small learned filters across its input. Each filter spans all Cin input channels over a k×k window and produces one output channel, a **feature map** that lights up wherever its pattern appears. The same weights are reused at every position, so the layer holds Cout × Cin × k × k weights plus Cout biases whatever the image size: a 3×3 layer from 3 to 64 channels has 1,792 parameters.

Early layers learn edges and colour blobs; deeper ones combine them into textures, parts and objects. Libraries actually compute cross-correlation (the kernel is not flipped), which changes nothing for learning.

**Picture:** a brass stencil of a diagonal edge sliding over a wall of photos, a lamp lighting up behind every spot where it matches.`,
      place: { room: "conv", x: 2, z: 2, shape: "cube", color: "#4f7cac" },
    },
    {
      key: "conv-geometry",
      title: "Kernel size, stride and padding",
      kind: "other",
      tags: ["convolution", "geometry"],
      after: ["conv-layer"],
      checks: [
        { calc: "conv-out", args: [224, 3, 1, 1], says: "224 stays 224" },
        { calc: "conv-out", args: [224, 3, 1, 2], says: "112 (halved)" },
        { calc: "conv-out", args: [224, 7, 3, 2], says: "gives 112" },
      ],
      notes: `For input size n, kernel k, padding p and stride s, the output of a convolution or pooling layer is **floor((n + 2p − k) / s) + 1**.

- k = 3, p = 1, s = 1: 224 stays 224 ("same" padding).
- k = 3, p = 1, s = 2: 112 (halved).
- k = 7, p = 3, s = 2 on 224 pixels gives 112, ResNet's first layer.

Zero padding stops maps shrinking at every layer and lets border pixels count. For dilation d, use d(k − 1) + 1 in place of k. When n + 2p − k is not divisible by s, the last rows are silently dropped.

**Picture:** a cookie cutter hopping across dough in strides, a crust of padding rolled around the edge so the corners get cut too.

**Number:** floor((n + 2p − k) / s) + 1.`,
      place: { room: "conv", x: 5, z: 1.8, shape: "pedestal", color: "#f2c14e" },
    },
    {
      key: "receptive-field",
      title: "Receptive field",
      kind: "other",
      tags: ["architecture", "geometry"],
      after: ["conv-layer", "conv-geometry"],
      checks: [
        { calc: "stacked-field", args: [3, 2], says: "5×5" },
        { calc: "stacked-field", args: [3, 3], says: "7×7" },
      ],
      notes: `A unit's receptive field is the patch of the input that can influence it. With stride 1, each extra k×k layer adds k − 1 pixels, so a stack of 2 layers of 3×3 sees 5×5 and a stack of 3 sees 7×7.

In general r grows by (k − 1) × j per layer, where j is the product of all earlier strides, so every downsampling step multiplies the growth of the layers after it. That is how deep networks come to see the whole image.

The effective receptive field is smaller than the theoretical one: roughly Gaussian, concentrated near its centre.

**Picture:** a pyramid of watchtowers, each guard seeing three guards below, the one at the top seeing the whole valley.`,
      place: { room: "conv", x: 8, z: 2, shape: "sphere", color: "#3d9970" },
    },
    {
      key: "relu",
      title: "ReLU activation",
      kind: "layer",
      tags: ["activation"],
      after: ["conv-layer"],
      notes: `The rectified linear unit is **f(x) = max(0, x)**, applied after each convolution (usually after batch norm). Without a non-linearity a stack of convolutions would collapse into one linear filter.

Its gradient is exactly 1 for positive inputs, so signals pass back through many layers without the shrinkage of saturating sigmoid and tanh units; it is also cheap and gives sparse activations. AlexNet reported a ReLU network reaching 25% training error on CIFAR-10 six times faster than a tanh one.

Its failure is the dying ReLU: a unit negative for every input gets no gradient and never recovers. Leaky ReLU and He initialisation reduce the risk.

**Picture:** a turnstile that lets positive numbers stride through unchanged and drops every negative one through a trapdoor.

**Number:** He initialisation, weight variance 2 / fan-in.`,
      place: { room: "conv", x: 8, z: 5.8, shape: "lamp", color: "#ff8c42" },
    },
    {
      key: "conv-1x1",
      title: "1×1 convolution",
      kind: "layer",
      tags: ["convolution", "channels"],
      after: ["conv-layer"],
      notes: `A 1×1 convolution looks at one pixel position across all channels: a small fully connected layer applied at every location with shared weights. It detects no spatial pattern but mixes channels cheaply.

Uses: shrinking the channel count before an expensive 3×3 convolution and expanding it afterwards (the bottlenecks of ResNet-50 and Inception), matching channels on a residual shortcut, and the pointwise half of a depthwise-separable convolution. It costs Cin × Cout weights, a ninth of a 3×3 layer's.

Squeezing channels too hard in a bottleneck throws away information later layers cannot recover.

**Picture:** a bartender at a single spot on the counter, pouring every channel's bottle into one cocktail shaker.

**Number:** one ninth of the weights of a 3×3 layer.`,
      place: { room: "conv", x: 5.2, z: 5.8, shape: "sphere", color: "#7fb7be" },
    },
    {
      key: "depthwise-separable",
      title: "Depthwise-separable convolution",
      kind: "block",
      tags: ["convolution", "efficiency"],
      after: ["conv-1x1"],
      checks: [{ calc: "separable-saving", args: [3, 256], says: "about 8.7 times" }],
      notes: `A standard convolution filters space and mixes channels in one step. A depthwise-separable one splits them: a **depthwise** k×k filter per input channel (groups = Cin), then a **pointwise** 1×1 convolution that mixes channels.

Multiplications per output position drop from k²·Cin·Cout to k²·Cin + Cin·Cout, a saving of 1 / (1/Cout + 1/k²): with k = 3 and 256 output channels, about 8.7 times fewer. It is the backbone of MobileNet, Xception and EfficientNet.

Fewer operations are not always faster: depthwise layers move many bytes per multiply and are often memory-bound on GPUs, so measure latency.

**Picture:** a row of tailors each hemming one coloured ribbon alone, then a weaver at the end braiding all ribbons together.`,
      place: { room: "conv", x: 2.2, z: 5.8, shape: "cube", color: "#9b5de5" },
    },

    // ── Gallery of Pooling and Normalisation ────────────────────────────────
    {
      key: "max-pool",
      title: "Max pooling",
      kind: "layer",
      tags: ["pooling", "downsampling"],
      after: ["conv-geometry"],
      diagram: poolDiagram,
      notes: `Max pooling slides a window, typically 2×2 with stride 2, over each feature map and keeps the largest value. It halves height and width, cutting later computation about fourfold, has no parameters, and pools each channel separately.

It grows the receptive field quickly and tolerates small shifts: a feature that moves within the window gives the same maximum. In backpropagation only the winning position receives gradient.

The price is precise location, which dense tasks such as segmentation need. Many modern designs downsample with strided convolutions instead, a learnable alternative. AlexNet used overlapping 3×3 windows with stride 2.

**Picture:** four climbers on each square of a chessboard, and only the one standing highest in each 2×2 block is photographed.`,
      place: { room: "gallery", x: 7.5, z: 2.5, shape: "pedestal", color: "#2a9d8f" },
    },
    {
      key: "global-avg-pool",
      title: "Global average pooling",
      kind: "layer",
      tags: ["pooling", "classifier-head"],
      after: ["max-pool"],
      checks: [{ calc: "product-millions", args: [7, 7, 512, 4096], says: "about 103 million" }],
      notes: `Global average pooling (GAP) collapses each feature map to its mean, turning C×H×W into a vector of length C; one linear layer then gives class scores.

It replaced the huge dense heads of AlexNet and VGG, which held most of their parameters: VGG-16's first dense layer alone maps 7 × 7 × 512 features to 4096 units, about 103 million weights. With no parameters of its own, GAP reduces overfitting, accepts any input size, and keeps the channel-to-class link that class activation maps use to show where the model looked.

Averaging forgets where a feature occurred, and a small object can be diluted by background.

**Picture:** a juicer squeezing each feature map into a single drop, one glass per channel lined up on a tray.`,
      place: { room: "gallery", x: 7.5, z: 5.5, shape: "sphere", color: "#e9c46a" },
    },
    {
      key: "batch-norm",
      title: "Batch normalisation",
      kind: "layer",
      tags: ["normalisation", "training"],
      after: ["image-tensor"],
      notes: `Batch norm standardises each channel with the mean μ and variance σ² of the current mini-batch, taken over the batch and both spatial axes, then rescales with two learned parameters per channel: **y = γ · (x − μ) / √(σ² + ε) + β**.

Activation scales stay steady while earlier layers change, much higher learning rates become safe, and training depends less on initialisation; it was essential to ResNet.

It behaves differently in its two modes: training uses batch statistics, inference uses running averages. Forgetting evaluation mode, or batches of only a few images, gives poor test accuracy; GroupNorm is the usual fallback.

**Picture:** a tailor at each channel's door measuring every batch of guests and refitting their coats to one standard size.`,
      place: { room: "gallery", x: 3.5, z: 5.8, shape: "cube", color: "#c1666b" },
    },

    // ── Training Yard ───────────────────────────────────────────────────────
    {
      key: "cross-entropy",
      title: "Cross-entropy loss",
      kind: "loss",
      tags: ["loss", "classification"],
      diagram: crossEntropyDiagram,
      checks: [{ calc: "ln", args: [1000], says: "6.91" }],
      notes: `Softmax turns the logits z into probabilities, p = exp(z) / Σ exp(z), and the loss is the negative log-probability of the true class y: **L = −ln p[y]**. Averaged over a batch it is the negative log-likelihood of the labels.

Its gradient with respect to the logits is simply p − onehot(y): large when the model is confidently wrong, small when it is right. An untrained model spreading probability evenly over 1000 ImageNet classes scores ln 1000 ≈ 6.91, a useful check of the first loss you see.

Pass logits, not probabilities, to library losses: they apply a stable log-softmax themselves.

**Picture:** a scoreboard whose penalty bar shoots towards the ceiling as the true class's probability sinks towards zero.

**Number:** ln(number of classes) at the start.`,
      place: { room: "training", x: 6, z: 2, shape: "sphere", color: "#6a4c93" },
    },
    {
      key: "sgd-momentum",
      title: "SGD with momentum",
      kind: "optimizer",
      tags: ["optimisation", "training"],
      after: ["cross-entropy"],
      checks: [
        { calc: "one-over-one-minus", args: [0.9], says: "10 times η" },
        { calc: "linear-scaling", args: [0.1, 256, 1024], says: "at batch 1024, 0.4" },
      ],
      notes: `SGD steps against a noisy mini-batch gradient g. Momentum keeps a velocity, **v ← μ·v + g**, then **w ← w − η·v**, with μ = 0.9: steady directions build speed and zig-zags cancel.

The classic CNN recipe (AlexNet, VGG, ResNet): momentum 0.9, weight decay 1e-4 to 5e-4, and for ResNet η = 0.1 at batch 256, scaled linearly with batch size (at batch 1024, 0.4), divided by ten at plateaus or decayed along a cosine.

In steady directions the effective step is η / (1 − μ), 10 times η at μ = 0.9, so raise momentum only while lowering η.

**Picture:** a heavy bowling ball rolling down a narrow gutter, too massive to rattle from side to side.

**Number:** η = 0.1 at batch 256.`,
      place: { room: "training", x: 2, z: 2, shape: "pedestal", color: "#48cae4" },
    },
    {
      key: "overfitting",
      title: "Overfitting",
      kind: "failure-mode",
      tags: ["generalisation", "regularisation"],
      after: ["cross-entropy"],
      diagram: overfitDiagram,
      notes: `A model overfits when it learns quirks of its training images (noise, backgrounds, label errors) instead of patterns that carry over. The signature is a widening gap: training loss keeps falling while validation loss levels off and climbs. CNNs can memorise even randomly labelled datasets, so capacity alone gives no protection.

Remedies, roughly by value: more or cleaner data, augmentation, weight decay and dropout, early stopping, and transfer from a pretrained backbone.

Tuning again and again against one validation split slowly overfits it too; look at the test set once.

**Picture:** a parrot reciting last year's exam answers word for word, then staring blankly at this year's paper.`,
      place: { room: "training", x: 2, z: 5.8, shape: "lamp", color: "#e63946" },
    },
    {
      key: "dropout",
      title: "Dropout",
      kind: "technique",
      tags: ["regularisation"],
      after: ["overfitting"],
      checks: [{ calc: "one-over-one-minus", args: [0.5], says: "at p = 0.5 a factor of 2" }],
      notes: `During training dropout zeroes each activation with probability p and scales the survivors by 1 / (1 − p), at p = 0.5 a factor of 2, so expected values match test time, when it is off. Each step trains a different thinned network, units cannot lean on particular partners, and the result acts like an ensemble sharing weights.

It shines in large dense layers: AlexNet used p = 0.5 in its first two. In convolutional stacks it helps less, because neighbouring pixels are correlated; spatial dropout of whole channels, or batch norm with augmentation, works better.

**Picture:** a choir in which a random half of the singers is told to stay silent at each rehearsal, so everyone learns every part.

**Number:** p = 0.5 in dense layers.`,
      place: { room: "training", x: 6, z: 6, shape: "pedestal", color: "#8ab17d" },
    },

    // ── Tower of Depth ──────────────────────────────────────────────────────
    {
      key: "lenet-5",
      title: "LeNet-5 (LeCun et al., 1998)",
      kind: "paper",
      tags: ["architecture", "history"],
      sourceUrl: "https://doi.org/10.1109/5.726791",
      after: ["conv-layer", "max-pool"],
      notes: `The classic network for handwritten digits, from *Gradient-Based Learning Applied to Document Recognition*, used commercially to read cheques. On 32×32 greyscale inputs it alternates convolution and subsampling: C1 (6 maps of 5×5 filters), S2, C3 (16 maps), S4, then C5 (120 units), F6 (84) and 10 outputs, about 60 thousand parameters.

It already holds the template of every later CNN: local receptive fields, shared weights and downsampling, trained end to end by backpropagation. Its subsampling was a trainable average and its units a scaled tanh.

**Picture:** a bank clerk's desk where a tiny clockwork machine reads the handwritten amounts off a pile of cheques.

**Number:** about 60 thousand parameters.`,
      place: { room: "tower", x: 2, z: 2, shape: "book", color: "#bc6c25" },
    },
    {
      key: "alexnet",
      title: "AlexNet (Krizhevsky et al., 2012)",
      kind: "paper",
      tags: ["architecture", "history", "imagenet"],
      sourceUrl: "https://papers.nips.cc/paper_files/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html",
      after: ["lenet-5", "relu", "dropout"],
      notes: `AlexNet won ILSVRC-2012 with a top-5 error of 15.3%, against 26.2% for the runner-up, and turned computer vision to deep learning. Five convolutional layers and three dense ones, about 60 million parameters, trained for about a week on two GTX 580 GPUs with 3 GB each.

Its ingredients became standard: ReLU, dropout in the dense layers, heavy augmentation and fast GPU convolution. Local response normalisation and the 11×11, stride-4 first layer did not last.

Most ideas were not new: 1.2 million labelled images and GPUs turned them into a step change.

**Picture:** two graphics cards welded together as a forge, hammering a giant 11×11 stencil out of molten images.

**Number:** 15.3% top-5 error, against 26.2%.`,
      place: { room: "tower", x: 2, z: 5.5, shape: "book", color: "#d1495b" },
    },
    {
      key: "vgg",
      title: "VGG (Simonyan & Zisserman, 2014)",
      kind: "paper",
      tags: ["architecture", "depth", "imagenet"],
      sourceUrl: "https://arxiv.org/abs/1409.1556",
      after: ["alexnet", "receptive-field"],
      checks: [
        { calc: "product", args: [3, 3, 3], says: "27C²" },
        { calc: "product", args: [7, 7], says: "49C²" },
      ],
      notes: `VGG asked what happens if every layer stays plain and only depth grows. It uses just 3×3 convolutions (stride 1, padding 1) and 2×2 max pooling, in five stages of 64, 128, 256, 512 and 512 channels. VGG-16 and VGG-19 came second in classification at ILSVRC-2014 and first in localisation.

Three stacked 3×3 layers see 7×7 yet use 3 × 3 × 3 = 27C² weights against 7 × 7 = 49C² for one 7×7 layer with C channels, with two extra non-linearities between.

It is heavy, about 138 million parameters, most in the dense head.

**Picture:** a tall tower built from identical small bricks, three by three, with no ornament at all.

**Number:** about 138 million parameters.`,
      place: { room: "tower", x: 4, z: 6.5, shape: "book", color: "#5e60ce" },
    },
    {
      key: "vanishing-gradients",
      title: "Vanishing gradients",
      kind: "failure-mode",
      tags: ["training", "depth"],
      after: ["relu"],
      notes: `Backpropagation multiplies one local derivative per layer. Factors mostly below one shrink the gradient exponentially with depth and early layers barely learn; mostly above one, it explodes. A sigmoid's derivative is at most 0.25 and near zero when saturated.

Symptoms: training stalls early and per-layer gradient norms differ by orders of magnitude. What made deep CNNs trainable: ReLU, variance-preserving initialisation, batch norm and residual shortcuts; clipping handles explosions.

With batch norm, ResNet's authors found plain deep nets' gradients healthy yet training still worse: degradation is an optimisation difficulty too.

**Picture:** a whisper passed along a line of fifty people, fading to nothing before it reaches the front.

**Number:** a sigmoid's slope is at most 0.25.`,
      place: { room: "tower", x: 6, z: 5.5, shape: "lamp", color: "#f4a261" },
    },
    {
      key: "resnet-block",
      title: "ResNet residual block",
      kind: "block",
      tags: ["architecture", "depth", "skip-connection"],
      sourceUrl: "https://arxiv.org/abs/1512.03385",
      after: ["batch-norm", "vgg", "vanishing-gradients", "conv-1x1"],
      diagram: resnetDiagram,
      notes: `He et al. (2015) found that stacking more plain layers made networks worse even on training data. Their residual block computes **out = ReLU(F(x) + x)**, where F is conv–BN–ReLU–conv–BN (a 1×1, 3×3, 1×1 bottleneck in deeper variants) and x arrives unchanged through a shortcut. The last ReLU comes after the addition: if F ended in a ReLU it could only ever add to x.

If doing nothing is best, F only has to go to zero. Shortcuts also carry gradients straight to early layers, so 152-layer networks train; ResNet won ILSVRC-2015 with 3.57% top-5 error.

**Picture:** an escalator running beside a staircase: climbers take the stairs only where they add something.

**Number:** 3.57% top-5 error, 152 layers.`,
      place: { room: "tower", x: 6, z: 2, shape: "cube", color: "#00a6a6" },
    },
  ],
  links: [
    { from: "resnet-block", to: "vanishing-gradients", label: "gives gradients a shortcut past" },
    { from: "relu", to: "vanishing-gradients", label: "mitigates" },
    { from: "resnet-block", to: "batch-norm", label: "normalises inside F with" },
    { from: "resnet-block", to: "vgg", label: "goes deeper than" },
    { from: "vgg", to: "receptive-field", label: "stacks 3×3 to grow" },
    { from: "max-pool", to: "receptive-field", label: "enlarges" },
    { from: "alexnet", to: "lenet-5", label: "scales up" },
    { from: "alexnet", to: "dropout", label: "popularised" },
    { from: "global-avg-pool", to: "vgg", label: "replaces dense head of" },
    { from: "dropout", to: "overfitting", label: "counters" },
    { from: "data-augmentation", to: "overfitting", label: "counters" },
    { from: "batch-norm", to: "image-tensor", label: "normalises hidden layers as the input is" },
    { from: "depthwise-separable", to: "conv-1x1", label: "mixes channels with" },
    { from: "conv-layer", to: "conv-geometry", label: "configured by" },
    { from: "conv-geometry", to: "receptive-field", label: "strides multiply" },
    { from: "sgd-momentum", to: "cross-entropy", label: "minimises" },
  ],
};
