// Starter palace: convolutional networks told as history, from the Neocognitron and LeNet
// reading digits to ResNet, the efficient designs that followed it, and ConvNeXt.
import { bars, flow, grid, HUES, line, sketch, text } from "../diagrams";
import { defineTemplate } from "./template-kit";

const paddingDiagram = sketch("Padding 1, stride 2: a 5 × 5 input gives 3 × 3", [
  grid(80, 90, 7, 46, (r, c) => (r <= 2 && c >= 2 && c <= 4 ? "#f8d58a" : r === 0 || c === 0 || r === 6 || c === 6 ? HUES.grey : null)),
  text(241, 440, "grey: zero padding; gold: the second window"),
  line(430, 250, 520, 250, { arrow: true }),
  text(475, 220, "stride 2", { size: 15 }),
  grid(550, 180, 3, 46, (r, c) => (r === 0 && c === 1 ? "#f8d58a" : null)),
  text(619, 360, "floor((5 + 2 − 3) / 2) + 1 = 3", { size: 16 }),
]);

const imagenetDiagram = bars("ImageNet top-5 error of the winners", [
  { label: "2010 NEC", value: 28.2, shown: "28.2%", fill: HUES.grey },
  { label: "2011 XRCE", value: 25.8, shown: "25.8%", fill: HUES.grey },
  { label: "2012 AlexNet", value: 15.3, shown: "15.3%", fill: HUES.rose },
  { label: "2013 Clarifai", value: 11.7, shown: "11.7%", fill: HUES.amber },
  { label: "2014 GoogLeNet", value: 6.7, shown: "6.7%", fill: HUES.green },
  { label: "2015 ResNet", value: 3.57, shown: "3.57%", fill: HUES.blue },
  { label: "2016 Trimps-Soushen", value: 2.99, shown: "2.99%", fill: HUES.grey },
  { label: "2017 SENet", value: 2.25, shown: "2.25%", fill: HUES.violet },
]);

const inceptionDiagram = flow(
  "An Inception module: four branches side by side",
  [
    { id: "in", x: 400, y: 100, label: "previous layer", w: 180 },
    { id: "a", x: 110, y: 250, label: "1×1", fill: HUES.amber },
    { id: "b1", x: 300, y: 210, label: "1×1", fill: HUES.amber, h: 44 },
    { id: "b2", x: 300, y: 300, label: "3×3", fill: HUES.blue, h: 44 },
    { id: "c1", x: 500, y: 210, label: "1×1", fill: HUES.amber, h: 44 },
    { id: "c2", x: 500, y: 300, label: "5×5", fill: HUES.blue, h: 44 },
    { id: "d1", x: 690, y: 210, label: "3×3 max pool", fill: HUES.green, h: 44, w: 150 },
    { id: "d2", x: 690, y: 300, label: "1×1", fill: HUES.amber, h: 44 },
    { id: "out", x: 400, y: 430, label: "concatenate channels", w: 260, fill: HUES.rose },
  ],
  [
    { from: "in", to: "a" },
    { from: "in", to: "b1" },
    { from: "in", to: "c1" },
    { from: "in", to: "d1" },
    { from: "b1", to: "b2" },
    { from: "c1", to: "c2" },
    { from: "d1", to: "d2" },
    { from: "a", to: "out" },
    { from: "b2", to: "out" },
    { from: "c2", to: "out" },
    { from: "d2", to: "out" },
  ],
);

const seDiagram = flow(
  "Squeeze-and-excitation: channels reweighted",
  [
    { id: "x", x: 90, y: 300, label: "feature\nmap", w: 110, h: 90, fill: HUES.blue },
    { id: "gap", x: 250, y: 150, label: "global\navg pool", w: 120, h: 70, fill: HUES.green },
    { id: "fc1", x: 410, y: 150, label: "FC ÷ r\nReLU", w: 110, h: 70, fill: HUES.amber },
    { id: "fc2", x: 555, y: 150, label: "FC\nsigmoid", w: 110, h: 70, fill: HUES.amber },
    { id: "mul", x: 555, y: 300, label: "×", w: 60, circle: true, fill: HUES.rose },
    { id: "y", x: 720, y: 300, label: "rescaled\nmap", w: 110, h: 90, fill: HUES.blue },
  ],
  [
    { from: "x", to: "gap" },
    { from: "gap", to: "fc1" },
    { from: "fc1", to: "fc2" },
    { from: "fc2", to: "mul" },
    { from: "x", to: "mul" },
    { from: "mul", to: "y" },
  ],
  [text(250, 215, "squeeze", { size: 16 }), text(480, 215, "excite", { size: 16 }), text(660, 230, "one score\nper channel", { size: 15 })],
);

export const cnnHistory = defineTemplate({
  title: "Convolutional networks from LeNet to ResNet",
  description:
    "The building blocks of convolutional networks, then the landmark architectures in the order they appeared: the Neocognitron and LeNet, ImageNet and AlexNet, VGG, Inception and batch normalisation, the residual connection, the efficient designs that followed and ConvNeXt.",
  rooms: [
    { key: "blocks", name: "Foundry of Building Blocks", gridX: 0, gridZ: 0, width: 10, depth: 10, height: 3.5, theme: "terracotta" },
    { key: "classics", name: "Museum of the Classics", gridX: 10, gridZ: 0, width: 10, depth: 10, height: 4.5, theme: "sandstone" },
    { key: "deeper", name: "Stairwell to Depth", gridX: 10, gridZ: 10, width: 10, depth: 12, height: 6, theme: "slate" },
    { key: "after", name: "Gallery after ResNet", gridX: 20, gridZ: 10, width: 10, depth: 12, height: 4, theme: "moss" },
  ],
  doors: [
    { a: "blocks", b: "classics", position: 5 },
    { a: "classics", b: "deeper", position: 15 },
    { a: "deeper", b: "after", position: 16 },
  ],
  concepts: [
    {
      key: "weight-sharing",
      room: "blocks",
      title: "Convolution as weight sharing",
      kind: "layer",
      tags: ["convolution"],
      checks: [{ calc: "product-millions", args: [224, 224, 3, 1000], says: "150.5 million" }],
      notes: `A fully connected layer from a 224 × 224 × 3 colour image to just 1000 units needs 150.5 million weights. A convolution instead applies the same small filter, say 3 × 3 × channels, at every position, so its parameter count does not depend on the image size at all.

Sharing weights encodes two assumptions that suit images: useful patterns are local, and a pattern means the same thing wherever it appears. Shifting the input shifts the feature map by the same amount, a property called translation equivariance.

**Picture:** one rubber stamp carried across a huge wall, printing the same small pattern everywhere, while a rival wheels in a lorry of 150 million separate stamps.`,
    },
    {
      key: "stride-padding",
      room: "blocks",
      title: "Stride and padding",
      kind: "other",
      tags: ["convolution", "geometry"],
      after: ["weight-sharing"],
      diagram: paddingDiagram,
      checks: [
        { calc: "conv-out", args: [224, 3, 1, 2], says: "224 pixels become 112" },
        { calc: "conv-out", args: [5, 3, 1, 2], says: "5 × 5 input gives 3 × 3" },
      ],
      notes: `Stride is how far the filter moves between positions: stride 2 halves each spatial side and quarters the cost of later layers. Padding adds a border, usually of zeros, so border pixels are covered as often as central ones and the output can keep its size; a k × k filter at stride 1 needs (k − 1) / 2 pixels on each side.

The output size is floor((n + 2p − k) / s) + 1. With k = 3, p = 1 and s = 2, 224 pixels become 112, and a 5 × 5 input gives 3 × 3. Getting it wrong is the classic shape error of hand-built stacks.

**Picture:** a frog in a picture frame hopping two squares at a time across a chessboard, the frame's grey border letting it land on the edges.

**Number:** floor((n + 2p − k) / s) + 1.`,
    },
    {
      key: "max-pooling",
      room: "blocks",
      title: "Max pooling",
      kind: "layer",
      tags: ["pooling", "downsampling"],
      after: ["stride-padding"],
      notes: `Max pooling slides a window, commonly 2 × 2 with stride 2, over each channel separately and keeps the largest value. It halves the resolution, has no parameters, and tolerates small shifts, because the maximum stays the same when a feature moves within its window.

Early networks used averaging subsampling instead; max pooling generally worked better in practice. Many modern designs downsample with a strided convolution rather than pooling, which lets the network learn how to reduce resolution.

**Picture:** a talent scout at each table of four who sends only the tallest player on to the next round.

**Number:** 2 × 2 windows, stride 2: a quarter of the positions survive.`,
    },
    {
      key: "relu",
      room: "blocks",
      title: "ReLU",
      kind: "layer",
      tags: ["activation"],
      notes: `The rectified linear unit outputs max(0, x). Unlike sigmoid and tanh, it does not saturate for positive inputs, so gradients pass through active units unchanged, and it costs almost nothing to compute.

In the AlexNet paper a four-layer ReLU network reached 25% training error on CIFAR-10 about six times faster than an equivalent tanh network, and ReLU quickly became the default. Its weakness is dying units: a unit pushed permanently negative stops learning. Leaky ReLU, ELU and GELU keep a small signal below zero.

**Picture:** a hockey stick lying flat on the floor, then bending sharply up at zero.

**Number:** six times faster than tanh, in AlexNet's test.`,
    },
    {
      key: "one-by-one",
      room: "blocks",
      title: "1 × 1 convolution",
      kind: "layer",
      tags: ["convolution", "channels"],
      after: ["weight-sharing"],
      notes: `A 1 × 1 convolution looks at a single pixel position but across all channels: a small fully connected layer applied at every position, mixing channels without touching spatial structure.

Introduced by Network in Network, it became a workhorse. It cheaply reduces the number of channels before an expensive 3 × 3 or 5 × 5 convolution, as in Inception and ResNet's bottlenecks, restores them afterwards, and adds a non-linearity between channel mixes. Pointwise convolutions in MobileNet are the same operation.

**Picture:** a pin pushed straight down through a stack of coloured sheets, threading every channel at one spot.`,
    },
    {
      key: "neocognitron",
      room: "classics",
      title: "Neocognitron (1980) and LeNet (1989)",
      kind: "paper",
      tags: ["history"],
      after: ["weight-sharing", "max-pooling"],
      notes: `Kunihiko Fukushima's Neocognitron of 1980 already stacked alternating layers of "S-cells", which detect local patterns with shared weights, and "C-cells", which pool over nearby positions to tolerate shifts, an idea taken from Hubel and Wiesel's simple and complex cells in the visual cortex. It learned without backpropagation.

In 1989 LeCun and colleagues trained a similar convolutional network end to end with backpropagation to read handwritten zip codes, 16 × 16 digit images from the US Postal Service. That step, gradient learning of the filters themselves, is the direct ancestor of every network in this palace.

**Picture:** a 1980 cat's brain wired with brass simple and complex cells, handing a zip-code envelope to a 1989 postman.`,
    },
    {
      key: "lenet",
      room: "classics",
      title: "LeNet-5 (1998)",
      kind: "paper",
      tags: ["history", "lenet"],
      sourceUrl: "http://yann.lecun.com/exdb/publis/pdf/lecun-98.pdf",
      after: ["neocognitron"],
      notes: `LeCun, Bottou, Bengio and Haffner described LeNet-5 in their paper on gradient-based learning for document recognition. It takes a 32 × 32 greyscale image through two rounds of 5 × 5 convolution and subsampling, then fully connected layers down to ten digit classes, with about 60,000 parameters and scaled tanh activations.

Local receptive fields, shared weights, downsampling and end-to-end training were all there. Cheque-reading systems built on it were reported to process 10 to 20% of the cheques written in the United States by the late 1990s.

**Picture:** a cheque the size of a door being read aloud by a tiny machine with five levers.

**Number:** about 60,000 parameters.`,
    },
    {
      key: "imagenet",
      room: "classics",
      title: "ImageNet and the ILSVRC challenge",
      kind: "other",
      tags: ["dataset", "benchmark"],
      diagram: imagenetDiagram,
      notes: `ImageNet is a database of millions of labelled photographs organised by WordNet categories, built by Fei-Fei Li's group. Its yearly challenge from 2010 to 2017 used a subset of about 1.28 million training images in 1000 classes, scored mainly by top-5 error: a prediction counts as correct if the true label is among its five best guesses.

The benchmark's size made deep networks worth training and gave them a common scoreboard. Most architectures in this palace were introduced as winners or runners-up of the challenge.

**Picture:** a stadium scoreboard listing a thousand classes, with 1.28 million photographs queuing at the turnstiles.

**Number:** 1.28 million training images, 1000 classes.`,
    },
    {
      key: "alexnet",
      room: "classics",
      title: "AlexNet (2012)",
      kind: "paper",
      tags: ["history", "imagenet"],
      after: ["lenet", "imagenet", "relu"],
      notes: `Krizhevsky, Sutskever and Hinton won the 2012 ImageNet challenge with a top-5 error of 15.3%, against 26.2% for the runner-up, which used hand-engineered features. The network had five convolutional and three fully connected layers and about 60 million parameters.

Its ingredients became standard: ReLU activations, dropout in the fully connected layers, heavy data augmentation, and training on GPUs, two GTX 580 cards with 3 GB each, across which the model was split. The result turned computer vision towards deep learning almost overnight.

**Picture:** two glowing graphics cards carrying a giant between them across a finish line, the runner-up far behind.

**Number:** 15.3% against 26.2% top-5 error.`,
    },
    {
      key: "zfnet",
      room: "classics",
      title: "ZFNet: looking inside (2013)",
      kind: "paper",
      tags: ["history", "visualisation"],
      sourceUrl: "https://arxiv.org/abs/1311.2901",
      after: ["alexnet"],
      notes: `Zeiler and Fergus projected the activations of AlexNet-style networks back to pixel space with a deconvolutional network, showing for the first time what each layer responds to: edges and colours first, then textures, object parts and whole objects.

The pictures exposed problems, such as dead filters and aliasing from the large first layer, so they shrank it from 11 × 11 with stride 4 to 7 × 7 with stride 2 and improved accuracy. Clarifai, Zeiler's company, won the 2013 challenge with 11.7% top-5 error. Visualisation became a design tool.

**Picture:** a doctor holding an X-ray of a network up to the light, pointing at a blurred first layer.`,
    },
    {
      key: "vgg",
      room: "classics",
      title: "VGG and stacked 3 × 3 filters",
      kind: "block",
      tags: ["history", "architecture"],
      after: ["alexnet"],
      checks: [
        { calc: "product", args: [2, 3, 3], says: "18C²" },
        { calc: "product", args: [5, 5], says: "25C²" },
      ],
      notes: `Simonyan and Zisserman showed in 2014 that depth itself matters, with networks of 16 and 19 layers built from nothing but 3 × 3 convolutions and 2 × 2 max pooling, in five stages of 64, 128, 256, 512 and 512 channels. A stack of 2 layers of 3 × 3 sees a 5 × 5 region with 18C² weights against 25C² for one 5 × 5 layer, plus an extra non-linearity.

VGG-16 has about 138 million parameters, most in its fully connected layers, but its uniform design made it a favourite backbone for transfer learning and style transfer.

**Picture:** a tower of identical small grey bricks, each exactly three by three, rising sixteen storeys.

**Number:** about 138 million parameters.`,
    },
    {
      key: "global-avg-pool",
      room: "classics",
      title: "Global average pooling",
      kind: "layer",
      tags: ["pooling", "head"],
      after: ["one-by-one", "vgg"],
      notes: `Global average pooling reduces each final feature map to a single number, its mean over all positions, so a network ends with one value per channel regardless of input size. Proposed in Network in Network, it replaces the huge fully connected layers of AlexNet and VGG that held most of their parameters and much of their overfitting.

Nearly every later classifier, from GoogLeNet and ResNet onwards, ends with global average pooling followed by a single linear layer. It also makes class activation maps possible, showing where the network found its evidence.

**Picture:** a steamroller flattening each feature map into a single coin, the coins lined up in a row.`,
    },
    {
      key: "inception",
      room: "deeper",
      title: "GoogLeNet and the Inception module",
      kind: "block",
      tags: ["history", "architecture"],
      after: ["one-by-one", "global-avg-pool"],
      diagram: inceptionDiagram,
      notes: `GoogLeNet won the 2014 ImageNet challenge with a top-5 error of 6.7%, using a 22-layer network with about twelve times fewer parameters than AlexNet. Its Inception modules run 1 × 1, 3 × 3 and 5 × 5 convolutions and a pooling branch in parallel and concatenate the outputs, capturing several scales at once; 1 × 1 convolutions shrink the channels first to keep the large branches affordable.

Auxiliary classifiers halfway up were meant to help gradients reach early layers; the Inception-v3 authors later found they act mostly as regularisers.

**Picture:** a dinner table where four chefs cook the same dish in small, medium and large pots and one stirs a pooled broth, all poured into one bowl.

**Number:** 6.7% top-5 error, 22 layers.`,
    },
    {
      key: "batchnorm",
      room: "deeper",
      title: "Batch normalisation",
      kind: "layer",
      tags: ["normalisation", "training"],
      notes: `Ioffe and Szegedy's batch normalisation standardises each channel using the mean and variance of the current mini-batch, then applies a learned scale and shift. At inference it uses running averages collected during training instead.

It allowed much higher learning rates, reduced sensitivity to initialisation and made deep convolutional networks far easier to train. The original explanation, reducing internal covariate shift, has been disputed; later work suggests it mainly smooths the loss landscape. Its dependence on the batch is a weakness with very small batches.

**Picture:** a tailor at every doorway measuring each crowd of activations and refitting them all to the same size.`,
    },
    {
      key: "he-init",
      room: "deeper",
      title: "He initialisation",
      kind: "technique",
      tags: ["initialisation"],
      after: ["relu"],
      notes: `A ReLU zeroes about half of its inputs, so to keep activation variance constant from layer to layer the weights need variance 2 / fan-in. Glorot initialisation uses 2 / (fan-in + fan-out), so He's is twice as large only when fan-in equals fan-out. He and colleagues derived it in 2015 and trained plain 30-layer networks from scratch with it.

The same paper introduced the parametric ReLU and reported 4.94% top-5 error on ImageNet, below the estimated human error of 5.1%. It remains the default for ReLU networks.

**Picture:** a gardener watering each seedling with exactly two cups per incoming root, no more, no less.

**Number:** variance 2 / fan-in.`,
    },
    {
      key: "degradation",
      room: "deeper",
      title: "The degradation problem",
      kind: "failure-mode",
      tags: ["depth", "optimisation"],
      after: ["batchnorm", "he-init"],
      notes: `Adding layers to a plain convolutional network eventually makes it worse, even on its own training set. On CIFAR-10 a 56-layer plain network had higher training error than a 20-layer one, so the cause is not overfitting.

Yet a deeper network could in principle copy the shallower one and set its extra layers to the identity; the optimiser simply fails to find such solutions. Batch normalisation had already ruled out vanishing gradients as the sole cause. This observation motivated residual learning.

**Picture:** a 56-storey tower whose top floor is dimmer than the roof of the 20-storey tower next door.

**Number:** 56 layers worse than 20.`,
    },
    {
      key: "residual-block",
      room: "deeper",
      title: "The residual block",
      kind: "block",
      tags: ["resnet", "skip connection"],
      after: ["degradation"],
      notes: `A residual block computes y = F(x) + x: a few convolutional layers learn a correction F that is added to the block's unchanged input through a shortcut. If the identity is best, the block only has to push F towards zero, which is easy, instead of learning an identity map through non-linear layers.

The shortcut also gives gradients a direct path backwards through the whole network. When a block changes the resolution or number of channels, the shortcut uses a strided 1 × 1 convolution to match shapes.

**Picture:** a footbridge arching over a busy workshop: the input strolls across untouched and meets the workshop's small correction on the far side.`,
    },
    {
      key: "bottleneck",
      room: "deeper",
      title: "The bottleneck block",
      kind: "block",
      tags: ["resnet", "efficiency"],
      after: ["residual-block", "one-by-one"],
      checks: [{ calc: "quotient", args: [256, 64], says: "4 times fewer" }],
      notes: `Deeper ResNets, with 50, 101 and 152 layers, replace the two 3 × 3 convolutions of a basic block with three layers: a 1 × 1 convolution that reduces the channels, say from 256 to 64, a 3 × 3 convolution at the reduced width, and a 1 × 1 convolution that expands back to 256.

The expensive spatial convolution runs on 4 times fewer channels, so a bottleneck block costs about the same as a basic block while adding depth. The shortcut connects the wide ends, keeping the identity path cheap.

**Picture:** an hourglass lying on its side: wide, pinched to a narrow waist for the hard work, wide again.`,
    },
    {
      key: "resnet-paper",
      room: "after",
      title: "Deep Residual Learning (2015)",
      kind: "paper",
      tags: ["resnet", "history"],
      sourceUrl: "https://arxiv.org/abs/1512.03385",
      after: ["residual-block", "bottleneck"],
      checks: [{ calc: "quotient", args: [152, 19], says: "8 times deeper" }],
      notes: `He, Zhang, Ren and Sun introduced residual networks and won the 2015 ImageNet challenge with 3.57% top-5 error, using an ensemble that included 152-layer models, 8 times deeper than the 19-layer VGG yet cheaper to run. They also trained a network of more than 1000 layers on CIFAR-10.

The residual connection proved useful far beyond vision: transformers, diffusion models and most modern deep networks rely on it, and the paper is among the most cited in all of science.

**Picture:** a staircase of 152 steps with a smooth escalator alongside, a trophy at the top marked 3.57.

**Number:** 3.57% top-5 error.`,
    },
    {
      key: "pre-activation",
      room: "after",
      title: "Pre-activation ResNet",
      kind: "block",
      tags: ["resnet"],
      after: ["resnet-paper"],
      notes: `In a follow-up, He and colleagues studied what the shortcut path should contain. The original block applied a ReLU after the addition, so the signal between blocks was not a pure identity. Moving batch normalisation and ReLU before each convolution, giving BN, ReLU, convolution, leaves the shortcut entirely clean from the input to the output of the network.

This pre-activation ordering trained more easily at extreme depth, including a 1001-layer network on CIFAR-10, and generalised better. Pre-norm transformers follow the same reasoning.

**Picture:** a clean glass pipe running the length of the building, every workshop drawing from it and pouring back in, nothing ever blocking the pipe.

**Number:** 1001 layers on CIFAR-10.`,
    },
    {
      key: "densenet",
      room: "after",
      title: "DenseNet",
      kind: "block",
      tags: ["architecture", "skip connection"],
      after: ["resnet-paper"],
      notes: `Huang and colleagues connected each layer in a dense block to every earlier layer by concatenation rather than addition. Each layer adds only a few new feature maps, the growth rate, such as 32, and can reuse everything computed before it; transition layers with 1 × 1 convolution and pooling shrink the maps between blocks.

DenseNets reached ResNet accuracy with considerably fewer parameters and strong gradient flow. The cost is memory, because concatenated feature maps grow along each block unless carefully implemented.

**Picture:** a relay race where every runner hands the baton to all later runners at once, and the bundle of batons grows.

**Number:** growth rate 32.`,
    },
    {
      key: "depthwise",
      room: "after",
      title: "Depthwise separable convolution",
      kind: "layer",
      tags: ["efficiency", "mobile"],
      after: ["one-by-one"],
      checks: [{ calc: "separable-saving", args: [3, 512], says: "about 8.8 times" }],
      notes: `A standard convolution filters space and mixes channels in one step. A depthwise separable convolution splits the job: a depthwise k × k convolution filters each channel on its own, then a 1 × 1 pointwise convolution mixes the channels.

The saving is 1 / (1/Cout + 1/k²): with 3 × 3 filters and 512 output channels, about 8.8 times fewer multiplications, for a small loss of accuracy. It is the core of Xception and MobileNet; MobileNetV2 wraps it in inverted residual blocks with a linear bottleneck, and EfficientNet builds on the same blocks.

**Picture:** a row of painters each colouring one transparent sheet alone, then a single printer pressing all the sheets together.

**Number:** 8 to 9 times cheaper with 3 × 3 filters.`,
    },
    {
      key: "squeeze-excitation",
      room: "after",
      title: "Squeeze-and-excitation",
      kind: "block",
      tags: ["attention", "channels"],
      after: ["global-avg-pool", "resnet-paper"],
      diagram: seDiagram,
      notes: `A squeeze-and-excitation block lets a network reweight its own channels according to the whole image. It squeezes each feature map to one number by global average pooling, passes the resulting vector through two small fully connected layers ending in a sigmoid, and multiplies each channel by its score.

The block adds little computation and can be dropped into almost any architecture. Hu and colleagues' SENet won the final ImageNet challenge in 2017 with 2.25% top-5 error, and the idea reappears in EfficientNet and MobileNetV3.

**Picture:** a mixing desk whose sliders, one per channel, move by themselves after a glance at the whole picture.

**Number:** 2.25% top-5 error, the last challenge.`,
    },
    {
      key: "transfer-learning",
      room: "after",
      title: "Transfer learning from ImageNet",
      kind: "technique",
      tags: ["transfer", "fine-tuning"],
      after: ["imagenet", "global-avg-pool"],
      notes: `Features learned on ImageNet serve far beyond it. Early layers learn edges, colours and textures useful for almost any photograph; later layers grow more specific to the original classes, as Yosinski and colleagues measured in 2014.

The standard recipe: take a pretrained backbone, replace its classifier head with one for your classes, train the head first, then fine-tune everything with a learning rate about ten times smaller. With a few thousand labelled images this usually beats training from scratch by a wide margin, and pretrained backbones became the default starting point for detection, segmentation and medical imaging.

**Picture:** a seasoned museum guide handed a new wing: she keeps her eye for brushstrokes and only learns the new labels.

**Number:** fine-tune at about a tenth of the original learning rate.`,
    },
    {
      key: "convnext",
      room: "after",
      title: "ConvNeXt: a convnet for the 2020s",
      kind: "paper",
      tags: ["architecture", "history"],
      sourceUrl: "https://arxiv.org/abs/2201.03545",
      after: ["depthwise", "pre-activation", "resnet-paper"],
      notes: `In 2020 the Vision Transformer cut images into 16 × 16 patches and, trained on enough data, matched convolutional networks. Liu and colleagues answered in 2022 by modernising a ResNet-50 one step at a time with the transformers' design choices: a 4 × 4 "patchify" stem with stride 4, large 7 × 7 depthwise convolutions, inverted bottlenecks, LayerNorm, GELU, fewer activations, and the AdamW training recipe.

The resulting ConvNeXt matched or beat Swin Transformers of the same size on ImageNet, detection and segmentation: much of the gap had been training recipe and design details rather than attention itself.

**Picture:** a 2015 ResNet walking into a tailor's shop and leaving in a transformer's suit, still a convnet underneath.`,
    },
  ],
  links: [
    { from: "weight-sharing", to: "neocognitron", label: "first wired into" },
    { from: "stride-padding", to: "max-pooling", label: "same output-size formula as" },
    { from: "relu", to: "alexnet", label: "popularised by" },
    { from: "relu", to: "he-init", label: "calls for" },
    { from: "one-by-one", to: "inception", label: "makes affordable" },
    { from: "one-by-one", to: "bottleneck", label: "reduces and expands in" },
    { from: "neocognitron", to: "lenet", label: "grew into" },
    { from: "lenet", to: "alexnet", label: "scaled up into" },
    { from: "alexnet", to: "imagenet", label: "won" },
    { from: "zfnet", to: "alexnet", label: "looked inside and repaired" },
    { from: "alexnet", to: "vgg", label: "deepened into" },
    { from: "global-avg-pool", to: "vgg", label: "replaces the heavy head of" },
    { from: "inception", to: "batchnorm", label: "retrained with, as BN-Inception" },
    { from: "degradation", to: "residual-block", label: "solved by" },
    { from: "residual-block", to: "bottleneck", label: "slimmed into" },
    { from: "residual-block", to: "resnet-paper", label: "introduced in" },
    { from: "batchnorm", to: "degradation", label: "did not cure" },
    { from: "resnet-paper", to: "pre-activation", label: "refined by" },
    { from: "densenet", to: "residual-block", label: "concatenates instead of adding" },
    { from: "depthwise", to: "one-by-one", label: "ends with" },
    { from: "squeeze-excitation", to: "global-avg-pool", label: "squeezes with" },
    { from: "resnet-paper", to: "imagenet", label: "won" },
    { from: "transfer-learning", to: "imagenet", label: "reuses features learned on" },
    { from: "convnext", to: "depthwise", label: "uses 7 × 7" },
    { from: "convnext", to: "resnet-paper", label: "modernises" },
  ],
});
