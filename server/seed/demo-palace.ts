// The demo palace: a four-room walk through convolutional networks, seeded for first-time visitors.
import type { SeedPalace } from "./seed.types";

export const demoPalace: SeedPalace = {
  title: "Convolutional networks",
  description:
    "A walk through convolutional neural networks, from how an image becomes a tensor to the layers, regularisers and landmark architectures that made deep vision models work.",
  rooms: [
    { key: "entrance", name: "Entrance: images as tensors", gridX: 0, gridZ: 0, width: 8, depth: 8, height: 3.5, theme: "sandstone" },
    { key: "conv", name: "Hall of Convolutions", gridX: 8, gridZ: 0, width: 10, depth: 8, height: 4, theme: "slate" },
    { key: "gallery", name: "Gallery of Pooling and Normalisation", gridX: 8, gridZ: 8, width: 10, depth: 8, height: 3.5, theme: "moss" },
    { key: "tower", name: "Tower of Depth", gridX: 18, gridZ: 0, width: 8, depth: 8, height: 5, theme: "indigo" },
  ],
  doors: [
    { a: "entrance", b: "conv", position: 4 },
    { a: "conv", b: "gallery", position: 13 },
    { a: "conv", b: "tower", position: 4 },
  ],
  concepts: [
    // ── Entrance: images as tensors ─────────────────────────────────────────
    {
      key: "image-tensor",
      title: "Images as C×H×W tensors",
      kind: "other",
      tags: ["data", "preprocessing"],
      notes: `A colour image reaches the network as a 3-D array of numbers: **C** channels (3 for RGB), **H** rows and **W** columns. A mini-batch adds a leading axis, giving N×C×H×W. PyTorch expects channels first, while TensorFlow/Keras defaults to channels last (N×H×W×C); mixing the two up silently scrambles the data.

**Normalise before training.** Convert pixels from 0–255 integers to floats, then standardise each channel separately: x' = (x − mean) / std, with the per-channel mean and standard deviation computed on the training set only. Centred, unit-scale inputs keep early activations and gradients in a healthy range.

**Pitfall:** a pretrained model expects exactly the statistics it was trained with (for ImageNet models, the familiar per-channel RGB mean and std). Feeding raw or differently normalised pixels lowers accuracy without raising any error.`,
      place: { room: "entrance", x: 2, z: 2, shape: "cube", color: "#d9a441" },
    },
    {
      key: "data-augmentation",
      title: "Data augmentation",
      kind: "technique",
      tags: ["regularisation", "data"],
      notes: `Augmentation manufactures fresh training examples by applying label-preserving transformations to the images you already have: random crops, horizontal flips, small rotations, scale changes, colour jitter, and stronger recipes such as Cutout, Mixup or RandAugment. The network sees a slightly different version of each picture every epoch, so it has to learn features that survive those changes instead of memorising pixels.

**Why it matters:** it is often the cheapest regulariser available, and on small datasets it can be worth more than any architectural tweak.

**Rules of thumb:**
- Augment the training set only; for validation use a deterministic resize and centre crop.
- Check that every transform really keeps the label: a horizontal flip is harmless for a photo of a cat but corrupts handwritten text, and a half-turn rotation turns a 6 into a 9.`,
      place: { room: "entrance", x: 2, z: 6, shape: "pedestal", color: "#e07a5f" },
    },
    {
      key: "receptive-field",
      title: "Receptive field",
      kind: "other",
      tags: ["architecture", "geometry"],
      notes: `The receptive field of a unit is the patch of the input image that can influence its value. A single 3×3 convolution sees a 3×3 patch; stacking layers widens the view. With stride 1 everywhere, each extra k×k layer adds k − 1 pixels, so two 3×3 layers see 5×5 and three see 7×7.

**General rule:** r(new) = r(previous) + (k − 1) × j, where j is the product of the strides of all earlier layers. Downsampling (strided convolution or pooling) therefore multiplies the growth contributed by every later layer, which is how deep networks end up seeing the whole image.

**Pitfall:** the theoretical receptive field overstates what a unit actually uses. The *effective* receptive field is roughly Gaussian and concentrated near its centre, so a unit may still ignore context that lies nominally inside its window.`,
      place: { room: "entrance", x: 5, z: 6.2, shape: "sphere", color: "#3d9970" },
    },

    // ── Hall of Convolutions ────────────────────────────────────────────────
    {
      key: "conv-layer",
      title: "Convolution layer and feature maps",
      kind: "layer",
      tags: ["convolution", "weight-sharing"],
      notes: `A convolution layer slides a set of small learned filters across its input. Each filter spans all Cin input channels over a k×k window and produces one output channel, a **feature map** that lights up wherever its pattern appears. Because the same weights are reused at every position, the layer has only Cout × Cin × k × k weights (plus Cout biases) however large the image is, and a pattern learned in one corner is recognised everywhere (translation equivariance).

Early layers tend to learn edges and colour blobs; deeper ones combine them into textures, parts and whole objects. A common design doubles the channel count each time the spatial resolution halves.

**Pitfall:** what deep-learning libraries call convolution is really cross-correlation (the kernel is not flipped). It makes no difference to learning, but it matters when you compare against signal-processing formulas.`,
      place: { room: "conv", x: 2, z: 2, shape: "cube", color: "#4f7cac" },
    },
    {
      key: "conv-geometry",
      title: "Kernel size, stride and padding",
      kind: "other",
      tags: ["convolution", "geometry"],
      notes: `Three hyperparameters fix the spatial output size of a convolution or pooling layer. For input size n, kernel size k, padding p and stride s:

**out = floor((n + 2p − k) / s) + 1**

Examples:
- 3×3 kernel, p = 1, s = 1: size unchanged ("same" padding).
- 3×3 kernel, p = 1, s = 2: size roughly halved (224 becomes 112).
- 7×7 kernel, p = 3, s = 2 on a 224-pixel input: 112.

Zero padding stops the map shrinking at every layer and lets border pixels count. A stride above 1 is a learnable alternative to pooling. For dilation d, use d(k − 1) + 1 in place of k.

**Pitfall:** when n + 2p − k is not divisible by s, the last rows and columns are silently dropped. Odd kernels with p = (k − 1) / 2 keep things symmetric.`,
      place: { room: "conv", x: 5, z: 2, shape: "pedestal", color: "#f2c14e" },
    },
    {
      key: "relu",
      title: "ReLU activation",
      kind: "layer",
      tags: ["activation"],
      notes: `The rectified linear unit is **f(x) = max(0, x)**, applied element-wise after each convolution (usually after batch norm). It supplies the non-linearity without which a stack of convolutions would collapse into one big linear filter.

**Why it won:** its gradient is exactly 1 for positive inputs, so signals pass back through many layers without the shrinkage that saturating sigmoid and tanh units cause. It is also trivially cheap and gives sparse activations; the AlexNet authors reported it training several times faster than tanh.

**Pitfall:** the dying ReLU. A unit whose input is negative for every example receives zero gradient and never recovers, which often happens after too large a learning rate. Leaky ReLU (a small slope such as 0.01 on the negative side) and He initialisation (weight variance 2 / fan-in) reduce the risk.`,
      place: { room: "conv", x: 8, z: 2, shape: "lamp", color: "#ff8c42" },
    },
    {
      key: "conv-1x1",
      title: "1×1 convolution",
      kind: "layer",
      tags: ["convolution", "channels"],
      notes: `A 1×1 convolution looks at a single pixel position but across all channels: it is a small fully connected layer applied independently at every location, with its weights shared over the image. It cannot detect spatial patterns, but it mixes and re-weights channels cheaply.

**Uses:**
- Shrinking the channel count before an expensive 3×3 convolution, then expanding it again (the bottleneck in ResNet-50 and Inception).
- Matching channel numbers on a residual shortcut.
- The pointwise half of a depthwise-separable convolution.
- Adding depth and non-linearity at almost no spatial cost, the idea behind Network in Network.

**Cost:** Cin × Cout weights, against 9 × Cin × Cout for a 3×3 layer.

**Pitfall:** squeezing the channels too hard in a bottleneck throws away information that later layers cannot recover.`,
      place: { room: "conv", x: 8, z: 6, shape: "sphere", color: "#7fb7be" },
    },
    {
      key: "depthwise-separable",
      title: "Depthwise-separable convolution",
      kind: "block",
      tags: ["convolution", "efficiency"],
      notes: `A standard k×k convolution does two jobs at once: filtering in space and mixing channels. A depthwise-separable convolution splits them. First a **depthwise** step applies one k×k filter to each input channel on its own (groups = Cin); then a **pointwise** 1×1 convolution combines the channels.

**Cost per output position:** k²·Cin + Cin·Cout multiplications instead of k²·Cin·Cout, a reduction by a factor of about 1/Cout + 1/k². With 3×3 kernels that is roughly 8 to 9 times cheaper.

This factorisation is the backbone of MobileNet, Xception and EfficientNet, models built to run well on phones.

**Pitfall:** fewer FLOPs does not automatically mean faster. Depthwise layers do little arithmetic per byte of memory they touch and are often memory-bound on GPUs, so measure real latency instead of trusting the operation count.`,
      place: { room: "conv", x: 2.5, z: 6, shape: "cube", color: "#9b5de5" },
    },

    // ── Gallery of Pooling and Normalisation ────────────────────────────────
    {
      key: "max-pool",
      title: "Max pooling",
      kind: "layer",
      tags: ["pooling", "downsampling"],
      notes: `Max pooling slides a window (typically 2×2 with stride 2) over each feature map and keeps only the largest value in each window. It halves height and width, cutting later computation about fourfold, and has no learnable parameters. Every channel is pooled independently, so the channel count is unchanged.

**Why:** it grows the receptive field quickly and makes responses tolerant of small shifts, because a feature that moves by a pixel inside the window still produces the same maximum. During backpropagation the gradient flows only to the winning position.

**Trade-off:** that tolerance is bought by discarding precise location, which hurts dense tasks such as segmentation. Many modern designs replace most pooling with strided convolutions and keep perhaps one pooling stage near the input. Overlapping windows (3×3 with stride 2, as in AlexNet) are a common variant.`,
      place: { room: "gallery", x: 2.5, z: 2.5, shape: "pedestal", color: "#2a9d8f" },
    },
    {
      key: "global-avg-pool",
      title: "Global average pooling",
      kind: "layer",
      tags: ["pooling", "classifier-head"],
      notes: `Global average pooling (GAP) collapses each feature map to a single number, its mean over all spatial positions, turning a C×H×W tensor into a vector of length C. One linear layer then maps that vector to class scores.

**Why it matters:** it replaced the huge fully connected heads of AlexNet and VGG, which held most of their parameters (the first dense layer of VGG-16 alone has about 100 million weights). Having no parameters of its own, GAP reduces overfitting, lets the network accept any input resolution, and keeps a direct link from channels to classes that class activation maps exploit to show where the model looked.

**Pitfall:** averaging forgets where a feature occurred, so GAP suits classification rather than localisation, and a small object can be diluted by a large background.`,
      place: { room: "gallery", x: 2.5, z: 5.5, shape: "sphere", color: "#e9c46a" },
    },
    {
      key: "batch-norm",
      title: "Batch normalisation",
      kind: "layer",
      tags: ["normalisation", "training"],
      notes: `Batch norm standardises each channel with the statistics of the current mini-batch and then rescales it with two learned parameters per channel:

**y = γ · (x − μ) / sqrt(σ² + ε) + β**

where μ and σ² are the batch mean and variance. For convolutions they are taken over the batch and both spatial axes, one pair per channel.

**Why it helps:** activation scales stay stable while earlier layers change, much higher learning rates become safe, training is less sensitive to initialisation, and batch noise adds mild regularisation. It was essential for training ResNet.

**Pitfall:** the layer behaves differently in its two modes. Training uses batch statistics; inference uses running averages gathered during training. Forgetting to switch to evaluation mode, or training with tiny batches (fewer than about 8), gives noisy estimates and poor test accuracy; GroupNorm is the usual fallback.`,
      place: { room: "gallery", x: 5, z: 5.8, shape: "cube", color: "#c1666b" },
    },
    {
      key: "dropout",
      title: "Dropout",
      kind: "technique",
      tags: ["regularisation"],
      notes: `During training, dropout zeroes each activation independently with probability p and scales the survivors by 1 / (1 − p) (inverted dropout), so expected values already match at test time, when dropout is switched off. Every step trains a different thinned sub-network, units cannot rely on particular partners, and the result behaves like an ensemble of many networks that share weights.

**Where to use it:** it shines in large fully connected layers; AlexNet used p = 0.5 in its classifier head. Inside convolutional stacks it helps less, because neighbouring pixels are strongly correlated. Spatial dropout, which removes whole channels, or simply batch norm plus augmentation usually works better there.

**Pitfall:** leaving the model in training mode at evaluation time makes predictions random from run to run, and heavy dropout placed before batch norm can shift activation statistics between training and inference.`,
      place: { room: "gallery", x: 7.5, z: 5.5, shape: "pedestal", color: "#8ab17d" },
    },
    {
      key: "overfitting",
      title: "Overfitting",
      kind: "failure-mode",
      tags: ["generalisation", "regularisation"],
      notes: `A model overfits when it learns quirks of its training images (noise, backgrounds, label errors) rather than patterns that carry over to new data. The signature is a widening gap: training loss keeps falling while validation loss levels off and then climbs. CNNs with millions of parameters can even memorise datasets with random labels, so capacity alone offers no protection.

**Remedies, roughly in order of value:**
1. More or cleaner data.
2. Data augmentation.
3. Weight decay and dropout.
4. Early stopping on the validation metric.
5. Transfer learning from a pretrained backbone.

A smaller model helps as well, but a well-regularised large one usually generalises better.

**Pitfall:** tuning hyperparameters again and again against the same validation split slowly overfits to that split too. Keep a held-out test set and look at it only once.`,
      place: { room: "gallery", x: 7.5, z: 2.5, shape: "lamp", color: "#e63946" },
    },

    // ── Tower of Depth ──────────────────────────────────────────────────────
    {
      key: "lenet-5",
      title: "LeNet-5 (LeCun et al., 1998)",
      kind: "paper",
      tags: ["architecture", "history"],
      sourceUrl: "https://doi.org/10.1109/5.726791",
      notes: `LeNet-5 is the classic convolutional network for handwritten digits, described in *Gradient-Based Learning Applied to Document Recognition* and used commercially to read bank cheques. On 32×32 greyscale inputs it alternates convolution and subsampling: C1 (6 maps, 5×5), S2, C3 (16 maps), S4, then C5 (120 units), F6 (84) and a 10-way output, about 60 thousand parameters in all.

**What to remember:** it already holds the template of every later CNN, namely local receptive fields, shared weights and spatial downsampling, trained end to end with backpropagation. Its subsampling layers were trainable averages and its units used a scaled tanh rather than ReLU and max pooling.

**Why it stalled:** the 1990s lacked the compute and labelled data to scale the idea to natural photographs; that had to wait for GPUs and ImageNet.`,
      place: { room: "tower", x: 2, z: 2, shape: "book", color: "#bc6c25" },
    },
    {
      key: "alexnet",
      title: "AlexNet (Krizhevsky et al., 2012)",
      kind: "paper",
      tags: ["architecture", "history", "imagenet"],
      sourceUrl: "https://papers.nips.cc/paper_files/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html",
      notes: `AlexNet won the ILSVRC-2012 ImageNet challenge with a top-5 error of about 15.3 %, against roughly 26 % for the runner-up, and convinced the vision community that deep learning worked. It has five convolutional layers followed by three fully connected ones, about 60 million parameters, and was trained on two GTX 580 GPUs.

**Ingredients that became standard:** ReLU activations for fast training, dropout in the dense layers, heavy data augmentation (random crops, flips and colour shifts) and fast GPU convolution. It also used overlapping max pooling and local response normalisation, the latter since dropped in favour of batch norm.

**Lesson:** most of the ideas were not new; the scale of data (1.2 million labelled images) and compute turned them into a step change. Its large 11×11, stride-4 first layer was soon replaced by smaller kernels in later designs.`,
      place: { room: "tower", x: 4, z: 1.6, shape: "book", color: "#d1495b" },
    },
    {
      key: "vgg",
      title: "VGG (Simonyan & Zisserman, 2014)",
      kind: "paper",
      tags: ["architecture", "depth", "imagenet"],
      sourceUrl: "https://arxiv.org/abs/1409.1556",
      notes: `*Very Deep Convolutional Networks for Large-Scale Image Recognition* asked a simple question: what happens if you keep every layer plain and just add depth? VGG uses only 3×3 convolutions (stride 1, padding 1) and 2×2 max pooling, doubling the channels from 64 up to 512 after each pool. VGG-16 and VGG-19 came second in classification at ILSVRC-2014 and first in localisation.

**Key insight:** two stacked 3×3 layers cover a 5×5 receptive field and three cover 7×7, yet they use fewer weights (27C² against 49C² for one 7×7 layer with C channels) and add extra non-linearities in between.

**Costs:** about 138 million parameters, most of them in the fully connected head, and heavy compute. Plain stacks much deeper than 19 layers became hard to optimise, the problem ResNet set out to solve. VGG features remain popular for perceptual losses and style transfer.`,
      place: { room: "tower", x: 6, z: 2, shape: "book", color: "#5e60ce" },
    },
    {
      key: "resnet-block",
      title: "ResNet residual block",
      kind: "block",
      tags: ["architecture", "depth", "skip-connection"],
      sourceUrl: "https://arxiv.org/abs/1512.03385",
      notes: `He et al. (2015) observed that simply stacking more layers made plain networks worse even on their training data: the degradation problem. Their fix is the residual block, **output = ReLU(F(x) + x)**, where F is two 3×3 conv–BN–ReLU layers (or a 1×1, 3×3, 1×1 bottleneck in the deeper variants) and x arrives unchanged through an identity shortcut.

**Why it works:** if the best a block can do is nothing, it only has to push F towards zero, which is easy. The shortcut also gives gradients a direct route to early layers, so networks with 50, 101 or 152 layers train reliably; ResNet won ILSVRC-2015.

**Details:** when the shape changes (stride 2 or more channels), the shortcut uses a strided 1×1 convolution instead of the identity. Setting the last BN scale in each block to zero at initialisation, so every block starts as an identity, often helps.`,
      place: { room: "tower", x: 6.2, z: 4.2, shape: "cube", color: "#00a6a6" },
    },
    {
      key: "vanishing-gradients",
      title: "Vanishing gradients",
      kind: "failure-mode",
      tags: ["training", "depth"],
      notes: `Backpropagation multiplies one local derivative per layer. If those factors are mostly below one, the gradient shrinks exponentially with depth and the early layers barely learn; if they are mostly above one, it explodes instead. Sigmoid and tanh make this worse: their derivatives are at most 0.25 and 1 respectively and fall to almost zero when the units saturate.

**Symptoms:** training stalls early, the first layers' weights hardly move, and per-layer gradient norms differ by orders of magnitude.

**Remedies that together made deep CNNs trainable:** ReLU-family activations, variance-preserving initialisation (Glorot, He), batch normalisation and, above all, residual shortcuts that give gradients an identity path. Gradient clipping handles the exploding case.

**Nuance:** the ResNet authors argued that with batch norm the gradients of their plain networks were already healthy, so degradation in very deep plain stacks is also an optimisation difficulty, which shortcuts address as well.`,
      place: { room: "tower", x: 6, z: 6.4, shape: "lamp", color: "#f4a261" },
    },
    {
      key: "cross-entropy",
      title: "Cross-entropy loss",
      kind: "loss",
      tags: ["loss", "classification"],
      notes: `The standard loss for classification. The network's raw scores, the logits z, are turned into probabilities by softmax, p = exp(z) / sum(exp(z)), and the loss is the negative log-probability given to the true class y: **L = −log p[y]**. Averaged over a batch, it is the negative log-likelihood of the labels.

**Why it works well:** its gradient with respect to the logits is simply p − onehot(y). That is large when the model is confidently wrong and small when it is right, so learning does not stall the way squared error on sigmoid outputs can.

**Pitfalls:**
- Pass logits, not probabilities, to library losses such as PyTorch's CrossEntropyLoss, which apply a numerically stable log-softmax internally. Applying softmax twice quietly weakens training.
- Hard one-hot targets encourage over-confidence; label smoothing (for example 0.1) is a cheap remedy.`,
      place: { room: "tower", x: 4, z: 6.4, shape: "sphere", color: "#6a4c93" },
    },
    {
      key: "sgd-momentum",
      title: "SGD with momentum",
      kind: "optimizer",
      tags: ["optimisation", "training"],
      notes: `Stochastic gradient descent updates the weights with a noisy gradient g from each mini-batch. Momentum adds a velocity that accumulates past gradients: **v ← μ·v + g**, then **w ← w − η·v**, with μ typically 0.9. Consistent directions build up speed while oscillations across narrow valleys cancel out.

**The classic CNN recipe** (AlexNet, VGG and ResNet all used variants of it): momentum 0.9, weight decay between 1e-4 and 5e-4, and, for ResNet, a learning rate of 0.1 at batch size 256, scaled linearly for larger batches, divided by ten at plateaus or following a cosine curve, often after a short warm-up.

**Pitfall:** with momentum the effective step is about η / (1 − μ), ten times η at 0.9, so raising momentum without lowering the learning rate can destabilise training. Tuned well, SGD often generalises slightly better than Adam on image classification.`,
      place: { room: "tower", x: 2, z: 6, shape: "pedestal", color: "#48cae4" },
    },
  ],
  links: [
    { from: "resnet-block", to: "vanishing-gradients", label: "solves" },
    { from: "relu", to: "vanishing-gradients", label: "mitigates" },
    { from: "resnet-block", to: "batch-norm", label: "needs" },
    { from: "resnet-block", to: "vgg", label: "goes deeper than" },
    { from: "vgg", to: "receptive-field", label: "stacks 3×3 to grow" },
    { from: "max-pool", to: "receptive-field", label: "enlarges" },
    { from: "alexnet", to: "lenet-5", label: "scales up" },
    { from: "global-avg-pool", to: "vgg", label: "replaces dense head of" },
    { from: "dropout", to: "overfitting", label: "counters" },
    { from: "data-augmentation", to: "overfitting", label: "counters" },
    { from: "batch-norm", to: "image-tensor", label: "generalises input normalisation" },
    { from: "depthwise-separable", to: "conv-1x1", label: "needs" },
    { from: "conv-layer", to: "conv-geometry", label: "configured by" },
    { from: "sgd-momentum", to: "cross-entropy", label: "minimises" },
  ],
};
