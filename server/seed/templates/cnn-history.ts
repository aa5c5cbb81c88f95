// Starter palace: convolutional networks told as history, from LeNet reading cheques to
// ResNet and the efficient designs that followed it.
import { defineTemplate } from "./template-kit";

export const cnnHistory = defineTemplate({
  title: "Convolutional networks from LeNet to ResNet",
  description:
    "The building blocks of convolutional networks, then the landmark architectures in the order they appeared: LeNet, AlexNet and VGG, Inception and batch normalisation, the residual connection, and the efficient designs that followed.",
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
      notes: `A fully connected layer from a 224 × 224 colour image to even 1,000 units would need 150 million weights. A convolution instead applies the same small filter, say 3 × 3 × channels, at every position, so its parameter count does not depend on the image size at all.

Sharing weights encodes two assumptions that suit images: useful patterns are local, and a pattern means the same thing wherever it appears. Shifting the input shifts the feature map by the same amount, a property called translation equivariance.`,
    },
    {
      key: "stride-padding",
      room: "blocks",
      title: "Stride and padding",
      kind: "other",
      tags: ["convolution", "geometry"],
      notes: `Stride is how far the filter moves between positions: stride 2 halves each spatial dimension and quarters the cost of later layers. Padding adds a border, usually of zeros, around the input so that border pixels are covered as often as central ones and the output keeps its size; for a k × k filter at stride 1 that takes (k − 1) / 2 pixels on each side.

The output size is floor((n + 2p − k) / s) + 1. Getting it wrong is a classic source of shape errors when layers are stacked by hand.`,
    },
    {
      key: "max-pooling",
      room: "blocks",
      title: "Max pooling",
      kind: "layer",
      tags: ["pooling", "downsampling"],
      notes: `Max pooling slides a window, commonly 2 × 2 with stride 2, over each channel separately and keeps the largest value. It halves the resolution, has no parameters, and makes the response tolerant of small shifts, because the maximum stays the same when a feature moves within its window.

Early networks used averaging subsampling instead; max pooling replaced it because it keeps the strongest evidence that a feature is present. Many modern designs downsample with strided convolutions rather than pooling, letting the network learn how to reduce resolution.`,
    },
    {
      key: "relu",
      room: "blocks",
      title: "ReLU",
      kind: "layer",
      tags: ["activation"],
      notes: `The rectified linear unit outputs max(0, x). Unlike sigmoid and tanh, it does not saturate for positive inputs, so gradients pass through active units unchanged, and it costs almost nothing to compute.

In the AlexNet paper a ReLU network reached 25% training error on CIFAR-10 about six times faster than an equivalent tanh network, and ReLU quickly became the default. Its weakness is dying units: a unit pushed permanently negative stops learning. Leaky ReLU, ELU and GELU keep a small signal below zero.`,
    },
    {
      key: "one-by-one",
      room: "blocks",
      title: "1 × 1 convolution",
      kind: "layer",
      tags: ["convolution", "channels"],
      notes: `A 1 × 1 convolution looks at a single pixel position but across all channels: it is a small fully connected layer applied at every position, mixing channels without touching spatial structure.

Introduced by Network in Network, it became a workhorse. It cheaply reduces the number of channels before an expensive 3 × 3 or 5 × 5 convolution, as in Inception and ResNet's bottlenecks, restores them afterwards, and adds a non-linearity between channel mixes. Pointwise convolutions in MobileNet are the same operation.`,
    },
    {
      key: "lenet",
      room: "classics",
      title: "LeNet-5 (1998)",
      kind: "paper",
      tags: ["history", "lenet"],
      sourceUrl: "http://yann.lecun.com/exdb/publis/pdf/lecun-98.pdf",
      notes: `LeCun, Bottou, Bengio and Haffner described LeNet-5 in their paper on gradient-based learning for document recognition. It takes a 32 × 32 greyscale image through two rounds of 5 × 5 convolution and subsampling, then fully connected layers down to ten digit classes, with about 60,000 parameters and tanh-style activations.

Already present were the ideas that still define the field: local receptive fields, shared weights, downsampling and end-to-end training by backpropagation. Systems built on it read a large share of the cheques written in the United States.`,
    },
    {
      key: "alexnet",
      room: "classics",
      title: "AlexNet (2012)",
      kind: "paper",
      tags: ["history", "imagenet"],
      notes: `Krizhevsky, Sutskever and Hinton won the 2012 ImageNet challenge with a top-5 error of 15.3%, against 26.2% for the runner-up, which used hand-engineered features. The network had five convolutional and three fully connected layers and about 60 million parameters.

Its ingredients became standard: ReLU activations, dropout in the fully connected layers, heavy data augmentation, and training on GPUs, two GTX 580 cards with 3 GB each, across which the model was split. The result turned computer vision towards deep learning almost overnight.`,
    },
    {
      key: "imagenet",
      room: "classics",
      title: "ImageNet and the ILSVRC challenge",
      kind: "other",
      tags: ["dataset", "benchmark"],
      notes: `ImageNet is a database of millions of labelled photographs organised by WordNet categories, built by Fei-Fei Li's group. Its yearly challenge from 2010 to 2017 used a subset of about 1.28 million training images in 1,000 classes, scored mainly by top-5 error: a prediction counts as correct if the true label is among its five best guesses.

The benchmark's size made deep networks worth training and gave them a common scoreboard. Most architectures in this palace were introduced as winners or runners-up of the challenge.`,
    },
    {
      key: "vgg",
      room: "classics",
      title: "VGG and stacked 3 × 3 filters",
      kind: "block",
      tags: ["history", "architecture"],
      notes: `Simonyan and Zisserman showed in 2014 that depth itself matters, with networks of 16 and 19 layers built from nothing but 3 × 3 convolutions and 2 × 2 max pooling. Two stacked 3 × 3 layers see a 5 × 5 region with fewer weights than one 5 × 5 layer, 18C² against 25C², and an extra non-linearity in between.

VGG-16 has about 138 million parameters, most in its fully connected layers, which makes it heavy to run, but its simple, uniform design made it a favourite backbone for transfer learning and style transfer.`,
    },
    {
      key: "global-avg-pool",
      room: "classics",
      title: "Global average pooling",
      kind: "layer",
      tags: ["pooling", "head"],
      notes: `Global average pooling reduces each final feature map to a single number, its mean over all positions, so a network ends with one value per channel regardless of input size. Proposed in Network in Network, it replaces the huge fully connected layers of AlexNet and VGG that held most of their parameters and much of their overfitting.

Nearly every later classifier, from GoogLeNet and ResNet onwards, ends with global average pooling followed by a single linear layer. It also makes class activation maps possible, showing where the network found its evidence.`,
    },
    {
      key: "inception",
      room: "deeper",
      title: "GoogLeNet and the Inception module",
      kind: "block",
      tags: ["history", "architecture"],
      notes: `GoogLeNet won the 2014 ImageNet challenge with a top-5 error of 6.7%, using a 22-layer network with about twelve times fewer parameters than AlexNet. Its Inception modules run 1 × 1, 3 × 3 and 5 × 5 convolutions and a pooling branch in parallel and concatenate their outputs, so each stage can capture features at several scales.

The larger branches are made affordable by 1 × 1 convolutions that shrink the channel count first. Auxiliary classifiers attached halfway up helped gradients reach the early layers during training.`,
    },
    {
      key: "batchnorm",
      room: "deeper",
      title: "Batch normalisation",
      kind: "layer",
      tags: ["normalisation", "training"],
      notes: `Ioffe and Szegedy's batch normalisation standardises each channel using the mean and variance of the current mini-batch, then applies a learned scale and shift. At inference it uses running averages collected during training instead.

It allowed much higher learning rates, reduced sensitivity to initialisation and made deep convolutional networks far easier to train. The original explanation, reducing internal covariate shift, has been disputed; later work suggests it mainly smooths the loss landscape. Its dependence on the batch is a weakness with very small batches.`,
    },
    {
      key: "he-init",
      room: "deeper",
      title: "He initialisation",
      kind: "technique",
      tags: ["initialisation"],
      notes: `For a ReLU layer, half of the inputs are zeroed on average, so to keep activation variance constant from layer to layer the weights need variance 2 / fan-in, twice what Glorot initialisation gives. He and colleagues derived this in 2015 and used it to train plain 30-layer networks from scratch.

The same paper introduced the parametric ReLU and reported the first ImageNet result below the estimated human top-5 error of about 5%. Their initialisation remains the default for ReLU networks.`,
    },
    {
      key: "degradation",
      room: "deeper",
      title: "The degradation problem",
      kind: "failure-mode",
      tags: ["depth", "optimisation"],
      notes: `Adding layers to a plain convolutional network eventually makes it worse, even on its own training set. On CIFAR-10 a 56-layer plain network had higher training error than a 20-layer one, so the cause is not overfitting.

Yet a deeper network could in principle copy the shallower one and set its extra layers to the identity; the optimiser simply fails to find such solutions. Batch normalisation had already ruled out vanishing gradients as the sole cause. This observation motivated residual learning.`,
    },
    {
      key: "residual-block",
      room: "deeper",
      title: "The residual block",
      kind: "block",
      tags: ["resnet", "skip connection"],
      notes: `A residual block computes y = F(x) + x: a few convolutional layers learn a correction F that is added to the block's unchanged input through a shortcut. If the identity is best, the block only has to push F towards zero, which is easy, instead of learning an identity map through non-linear layers.

The shortcut also gives gradients a direct path backwards through the whole network. When a block changes the resolution or number of channels, the shortcut uses a strided 1 × 1 convolution to match shapes.`,
    },
    {
      key: "bottleneck",
      room: "deeper",
      title: "The bottleneck block",
      kind: "block",
      tags: ["resnet", "efficiency"],
      notes: `Deeper ResNets, with 50, 101 and 152 layers, replace the two 3 × 3 convolutions of a basic block with three layers: a 1 × 1 convolution that reduces the channels, say from 256 to 64, a 3 × 3 convolution at the reduced width, and a 1 × 1 convolution that expands back to 256.

The expensive spatial convolution runs on a quarter of the channels, so a bottleneck block costs about the same as a basic block while adding depth. The shortcut connects the wide ends, keeping the identity path cheap.`,
    },
    {
      key: "resnet-paper",
      room: "after",
      title: "Deep Residual Learning (2015)",
      kind: "paper",
      tags: ["resnet", "history"],
      sourceUrl: "https://arxiv.org/abs/1512.03385",
      notes: `He, Zhang, Ren and Sun introduced residual networks and won the 2015 ImageNet challenge with a 3.57% top-5 error using an ensemble that included 152-layer models, eight times deeper than VGG yet cheaper to run. They also trained a network of more than 1,000 layers on CIFAR-10.

The residual connection proved useful far beyond vision: transformers, diffusion models and most modern deep networks rely on it, and the paper is among the most cited in all of science.`,
    },
    {
      key: "pre-activation",
      room: "after",
      title: "Pre-activation ResNet",
      kind: "block",
      tags: ["resnet"],
      notes: `In a follow-up, He and colleagues studied what the shortcut path should contain. The original block applied a ReLU after the addition, so the signal between blocks was not a pure identity. Moving batch normalisation and ReLU before each convolution, giving BN, ReLU, convolution, leaves the shortcut entirely clean from the input to the output of the network.

This pre-activation ordering trained more easily at extreme depth, including a 1,001-layer network on CIFAR-10, and generalised better. Pre-norm transformers follow the same reasoning.`,
    },
    {
      key: "densenet",
      room: "after",
      title: "DenseNet",
      kind: "block",
      tags: ["architecture", "skip connection"],
      notes: `Huang and colleagues connected each layer in a dense block to every earlier layer by concatenation rather than addition. Each layer adds only a few new feature maps, the growth rate, such as 32, and can reuse everything computed before it; transition layers with 1 × 1 convolution and pooling shrink the maps between blocks.

DenseNets reached ResNet accuracy with considerably fewer parameters and strong gradient flow. The cost is memory, because concatenated feature maps grow along each block unless carefully implemented.`,
    },
    {
      key: "depthwise",
      room: "after",
      title: "Depthwise separable convolution",
      kind: "layer",
      tags: ["efficiency", "mobile"],
      notes: `A standard convolution filters space and mixes channels in one step. A depthwise separable convolution splits the job: a depthwise k × k convolution filters each channel on its own, then a 1 × 1 pointwise convolution mixes the channels.

For 3 × 3 filters this cuts computation by roughly eight to nine times for a small loss of accuracy. It is the core of Xception and MobileNet; MobileNetV2 wraps it in inverted residual blocks with a linear bottleneck, and EfficientNet builds on the same blocks.`,
    },
    {
      key: "squeeze-excitation",
      room: "after",
      title: "Squeeze-and-excitation",
      kind: "block",
      tags: ["attention", "channels"],
      notes: `A squeeze-and-excitation block lets a network reweight its own channels according to the whole image. It squeezes each feature map to one number by global average pooling, passes the resulting vector through two small fully connected layers ending in a sigmoid, and multiplies each channel by its score.

The block adds little computation and can be dropped into almost any architecture. Hu and colleagues' SENet won the final ImageNet challenge in 2017, and the idea reappears in EfficientNet and MobileNetV3.`,
    },
  ],
  links: [
    { from: "weight-sharing", to: "lenet", label: "first used at scale in" },
    { from: "stride-padding", to: "max-pooling", label: "same arithmetic as" },
    { from: "relu", to: "alexnet", label: "popularised by" },
    { from: "relu", to: "he-init", label: "calls for" },
    { from: "one-by-one", to: "inception", label: "makes affordable" },
    { from: "one-by-one", to: "bottleneck", label: "reduces and expands in" },
    { from: "lenet", to: "alexnet", label: "scaled up into" },
    { from: "alexnet", to: "imagenet", label: "won" },
    { from: "alexnet", to: "vgg", label: "deepened into" },
    { from: "global-avg-pool", to: "vgg", label: "replaces the heavy head of" },
    { from: "inception", to: "batchnorm", label: "same authors as" },
    { from: "degradation", to: "residual-block", label: "solved by" },
    { from: "residual-block", to: "bottleneck", label: "widened into" },
    { from: "residual-block", to: "resnet-paper", label: "introduced in" },
    { from: "batchnorm", to: "degradation", label: "did not cure" },
    { from: "resnet-paper", to: "pre-activation", label: "refined by" },
    { from: "densenet", to: "residual-block", label: "concatenates instead of adding" },
    { from: "depthwise", to: "one-by-one", label: "ends with" },
    { from: "squeeze-excitation", to: "global-avg-pool", label: "squeezes with" },
    { from: "resnet-paper", to: "imagenet", label: "won" },
  ],
});
