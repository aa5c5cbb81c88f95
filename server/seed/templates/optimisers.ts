// Starter palace: how networks are optimised, from plain gradient descent to AdamW and the
// schedules that set its step size over a run.
import { defineTemplate } from "./template-kit";

export const optimisers = defineTemplate({
  title: "Optimisers and learning-rate schedules",
  description:
    "From the plain gradient step to momentum, adaptive methods and AdamW, then the schedules that decide how big each step is over a run. Four rooms walked in a square, each idea next to the one it improves on.",
  rooms: [
    { key: "foundations", name: "Foundations of Descent", gridX: 0, gridZ: 0, width: 10, depth: 10, height: 3.5, theme: "sandstone" },
    { key: "momentum", name: "Gallery of Momentum and Adaptivity", gridX: 10, gridZ: 0, width: 10, depth: 10, height: 4, theme: "slate" },
    { key: "adam", name: "Adam's Household", gridX: 10, gridZ: 10, width: 10, depth: 10, height: 4, theme: "indigo" },
    { key: "schedules", name: "Clock Tower of Schedules", gridX: 0, gridZ: 10, width: 10, depth: 10, height: 6, theme: "moss" },
  ],
  doors: [
    { a: "foundations", b: "momentum", position: 5 },
    { a: "momentum", b: "adam", position: 15 },
    { a: "adam", b: "schedules", position: 15 },
  ],
  concepts: [
    {
      key: "gradient-descent",
      room: "foundations",
      title: "Gradient descent",
      kind: "optimizer",
      tags: ["basics"],
      notes: `Gradient descent improves parameters θ by stepping against the gradient of the loss: θ ← θ − η ∇L(θ), where η is the learning rate. The gradient points in the direction of steepest local increase, so a small enough step in the opposite direction lowers the loss.

Full-batch gradient descent computes the gradient over the whole training set for every step. That is exact but far too slow for modern datasets, and its deterministic path can settle in sharp minima that generalise less well than the ones noisier methods find.`,
    },
    {
      key: "sgd",
      room: "foundations",
      title: "Mini-batch stochastic gradient descent",
      kind: "optimizer",
      tags: ["basics", "sgd"],
      notes: `Stochastic gradient descent estimates the gradient from a random mini-batch, typically 32 to a few thousand examples, and takes a step after each one. The estimate is unbiased but noisy; many cheap noisy steps make far more progress per second than a few exact ones.

Each pass over the data is an epoch; reshuffling between epochs keeps batches from repeating in a fixed order. With momentum and a good schedule, plain SGD remains competitive for convolutional networks and is still a strong baseline for image classification.`,
    },
    {
      key: "learning-rate",
      room: "foundations",
      title: "The learning rate",
      kind: "other",
      tags: ["hyperparameter"],
      notes: `The learning rate is usually the most important hyperparameter. Too small and training crawls or stalls on plateaus; too large and the loss oscillates or diverges. For a quadratic bowl, steps larger than 2 divided by the largest curvature make gradient descent diverge, so the sharpest direction of the landscape sets the limit for all others.

Tune it on a logarithmic scale, such as 1e-4, 3e-4, 1e-3, and retune it whenever you change the optimiser, the batch size, the model width or the loss scaling.`,
    },
    {
      key: "batch-size",
      room: "foundations",
      title: "Batch size and gradient noise",
      kind: "other",
      tags: ["hyperparameter", "batch size"],
      notes: `A larger batch gives a less noisy gradient estimate, with the noise shrinking like one over the square root of the batch size, and uses hardware better. But beyond a critical batch size, which depends on the task and grows during training, doubling the batch no longer halves the number of steps needed.

Small batches add noise that can act as a regulariser. When the batch grows, the learning rate usually has to grow with it, and very large batches need special care such as warmup or layer-wise adaptive optimisers.`,
    },
    {
      key: "ill-conditioning",
      room: "foundations",
      title: "Ill-conditioning and saddle points",
      kind: "failure-mode",
      tags: ["landscape", "curvature"],
      notes: `A loss surface is ill-conditioned when its curvature is much steeper in some directions than others, like a long narrow valley. A learning rate small enough for the steep walls makes progress along the valley floor painfully slow, and gradient descent zig-zags across it.

In high dimensions, flat saddle points, where the surface curves up in some directions and down in others, are far more common than poor local minima. Momentum, adaptive per-parameter step sizes and normalisation layers all exist largely to cope with this geometry.`,
    },
    {
      key: "momentum",
      room: "momentum",
      title: "Momentum",
      kind: "optimizer",
      tags: ["sgd", "momentum"],
      notes: `Momentum keeps a running velocity of past gradients: v ← βv + ∇L, then θ ← θ − ηv, with β typically 0.9. Gradient components that point the same way step after step add up, while components that flip sign cancel out.

In a narrow valley this damps the zig-zag across the walls and speeds up travel along the floor, effectively multiplying the learning rate by up to 1 / (1 − β) in consistent directions. It also carries the parameters through small bumps and flat stretches where the raw gradient is weak.`,
    },
    {
      key: "nesterov",
      room: "momentum",
      title: "Nesterov accelerated gradient",
      kind: "optimizer",
      tags: ["sgd", "momentum"],
      notes: `Nesterov momentum evaluates the gradient not at the current parameters but at the point momentum is about to carry them to, then corrects from there. Looking ahead lets it brake before overshooting, because the gradient at the look-ahead point already points back.

For convex problems it provably converges faster than plain gradient descent. In deep learning the gain is modest but free, so it is a common option in SGD implementations; in PyTorch it is the nesterov=True flag. NAdam combines the same idea with Adam.`,
    },
    {
      key: "adagrad",
      room: "momentum",
      title: "AdaGrad",
      kind: "optimizer",
      tags: ["adaptive"],
      notes: `AdaGrad gives every parameter its own learning rate by dividing each step by the square root of the sum of all its past squared gradients. Parameters with rare but informative gradients, such as embeddings of rare words, keep large steps, while frequently updated ones slow down.

This works well for sparse features and convex problems. Its weakness is that the sum only grows, so effective learning rates shrink towards zero and long deep-learning runs stall before they are done, the problem RMSProp was designed to fix.`,
    },
    {
      key: "rmsprop",
      room: "momentum",
      title: "RMSProp",
      kind: "optimizer",
      tags: ["adaptive"],
      notes: `RMSProp, proposed by Geoffrey Hinton in a lecture rather than a paper, replaces AdaGrad's ever-growing sum with an exponential moving average of squared gradients, typically with decay 0.9 or 0.99. Each parameter's step is divided by the root of that average, so step sizes adapt to recent gradient magnitudes instead of the whole history.

The effective learning rate no longer decays to zero, which made it a favourite for recurrent networks and reinforcement learning. Adding momentum on top leads directly to Adam.`,
    },
    {
      key: "adam",
      room: "momentum",
      title: "Adam",
      kind: "optimizer",
      tags: ["adaptive", "adam"],
      notes: `Adam keeps two moving averages per parameter: m, of the gradient (momentum, β₁ = 0.9), and v, of the squared gradient (β₂ = 0.999). The step is η · m̂ / (√v̂ + ε), where the hats mark bias correction: both averages start at zero, so early on they are divided by 1 − βᵗ to avoid tiny first steps.

Because each parameter is scaled by its own gradient magnitude, Adam is far less sensitive to the learning rate than SGD; 3e-4 is a famous starting point. It costs two extra values per parameter in memory.`,
    },
    {
      key: "adamw",
      room: "adam",
      title: "AdamW: decoupled weight decay",
      kind: "optimizer",
      tags: ["adam", "regularisation"],
      notes: `With SGD, adding an L2 penalty to the loss is the same as shrinking weights a little each step. With Adam it is not: the penalty's gradient is divided by the adaptive denominator, so weights with large gradients are barely regularised.

AdamW applies weight decay directly to the weights, θ ← θ − ηλθ, outside the adaptive update. This restores the intended regularisation and makes the best weight decay largely independent of the learning rate. It is the default optimiser for transformers, usually with decay around 0.01 to 0.1 and none on biases or normalisation gains.`,
    },
    {
      key: "adam-epsilon",
      room: "adam",
      title: "Adam's epsilon and β₂",
      kind: "other",
      tags: ["adam", "stability"],
      notes: `The ε in Adam's denominator, often 1e-8, stops division by zero but also caps the step for parameters with tiny gradients. Raising it towards 1e-6 or more makes Adam behave a little more like SGD with momentum and can stabilise training.

β₂ sets how long the squared-gradient memory is. With 0.999 the average reacts slowly, so a sudden burst of large gradients meets a stale small denominator and produces a huge step: a known cause of loss spikes in large models, often handled by lowering β₂ to 0.95.`,
    },
    {
      key: "lamb",
      room: "adam",
      title: "LARS and LAMB for huge batches",
      kind: "optimizer",
      tags: ["large batch", "adaptive"],
      notes: `When the batch grows to tens of thousands of examples, one global learning rate becomes a poor fit: some layers' updates are large relative to their weights, others tiny. LARS, for SGD with momentum, and LAMB, for Adam, rescale each layer's update so that its norm is proportional to the norm of that layer's weights, a trust ratio.

This let ResNet-50 train on ImageNet and BERT pretrain with batches of 32,000 or more without losing accuracy, cutting training time from days to hours on large clusters.`,
    },
    {
      key: "gradient-clipping",
      room: "adam",
      title: "Gradient clipping",
      kind: "technique",
      tags: ["stability"],
      notes: `Gradient clipping caps the size of an update when gradients spike. Clipping by global norm computes the norm of all gradients together and, if it exceeds a threshold such as 1.0, scales every gradient down by the same factor, so the direction is preserved.

It is standard for recurrent networks and transformers, where rare batches produce gradients orders of magnitude larger than usual. If clipping is active on most steps, the threshold is too low or something is wrong upstream; log how often it triggers.`,
    },
    {
      key: "weight-ema",
      room: "adam",
      title: "Exponential moving average of weights",
      kind: "technique",
      tags: ["averaging", "evaluation"],
      notes: `Alongside the weights being trained, keep a shadow copy updated as an exponential moving average: θ_ema ← α θ_ema + (1 − α) θ, with α close to 1 such as 0.999 or 0.9999. Evaluate and ship the averaged weights.

Averaging smooths out the noise of the last steps and usually lands nearer the centre of a wide basin, giving a small, reliable gain in accuracy. It is standard in diffusion models and semi-supervised learning. Stochastic weight averaging is a related idea that averages checkpoints taken with a cyclic or constant learning rate.`,
    },
    {
      key: "step-decay",
      room: "schedules",
      title: "Step decay",
      kind: "technique",
      tags: ["schedule"],
      notes: `The classic schedule keeps the learning rate constant, then divides it by 10 at a few fixed points, for example at epochs 30, 60 and 90 of a 90-epoch ImageNet run. Each drop produces a sharp fall in the loss as the optimiser settles deeper into the basin it has been bouncing around.

It is simple and reproducible but needs the milestones tuned to the total training length. Smooth schedules such as cosine decay have largely replaced it, because they need fewer choices and tend to do at least as well.`,
    },
    {
      key: "cosine",
      room: "schedules",
      title: "Cosine annealing",
      kind: "technique",
      tags: ["schedule"],
      notes: `Cosine annealing lowers the learning rate from its peak to near zero along half a cosine wave over the run: η(t) = η_min + ½(η_max − η_min)(1 + cos(πt/T)). It stays high for a long time, falls fastest in the middle and eases gently into the end.

It has one main knob, the total length T, and works well across vision and language. With warm restarts (SGDR) the cosine is repeated in cycles, which produces several good snapshots. Its drawback is that T must be fixed before training starts.`,
    },
    {
      key: "warmup-schedule",
      room: "schedules",
      title: "Linear warmup",
      kind: "technique",
      tags: ["schedule", "stability"],
      notes: `Warmup starts the learning rate near zero and raises it linearly to its peak over the first few hundred or thousand steps, before the main schedule takes over. At initialisation, gradients are large and poorly scaled, and Adam's second-moment estimates rest on very few samples, so full-size steps can send the model somewhere it never recovers from.

Warmup is essential for transformers and for training with very large batches, and it is cheap insurance elsewhere: a few percent of the run.`,
    },
    {
      key: "one-cycle",
      room: "schedules",
      title: "One-cycle policy",
      kind: "technique",
      tags: ["schedule", "super-convergence"],
      notes: `Leslie Smith's one-cycle policy raises the learning rate from a low value to a high maximum over roughly the first third of training, then lowers it to well below the starting value. Momentum is moved in the opposite direction, low while the learning rate is high.

The high-rate phase acts as a regulariser and moves quickly across the landscape; the long descent settles into a good minimum. It can reach a given accuracy in far fewer epochs, which Smith called super-convergence. The maximum is usually chosen with a learning-rate range test.`,
    },
    {
      key: "plateau",
      room: "schedules",
      title: "Reduce on plateau",
      kind: "technique",
      tags: ["schedule", "adaptive"],
      notes: `Instead of a fixed timetable, reduce-on-plateau watches a validation metric and multiplies the learning rate by a factor such as 0.1 when the metric has not improved for a set number of epochs, the patience.

It adapts to problems whose length you cannot predict and pairs naturally with early stopping. The costs are extra hyperparameters, dependence on a noisy validation signal, and poor interaction with schedules that already change every step, so it is used more in smaller projects than in large pretraining runs.`,
    },
    {
      key: "linear-scaling",
      room: "schedules",
      title: "Linear scaling rule",
      kind: "other",
      tags: ["batch size", "schedule"],
      notes: `When the batch size is multiplied by k, multiply the learning rate by k as well. The reasoning: k small steps take about the same path as one step over a k-times larger batch, as long as the gradient changes little along the way.

Goyal and colleagues trained ResNet-50 on ImageNet in one hour with batches of 8,192 this way, adding five epochs of warmup for the unstable start. The rule breaks down at very large batches, and for Adam a square-root scaling often works better.`,
    },
  ],
  links: [
    { from: "gradient-descent", to: "sgd", label: "made cheap by" },
    { from: "sgd", to: "batch-size", label: "depends on" },
    { from: "learning-rate", to: "ill-conditioning", label: "limited by" },
    { from: "ill-conditioning", to: "momentum", label: "eased by" },
    { from: "momentum", to: "nesterov", label: "refined by" },
    { from: "adagrad", to: "rmsprop", label: "fixed by" },
    { from: "rmsprop", to: "adam", label: "plus momentum gives" },
    { from: "momentum", to: "adam", label: "first moment of" },
    { from: "adam", to: "adamw", label: "corrected by" },
    { from: "adam", to: "adam-epsilon", label: "tuned through" },
    { from: "adam", to: "lamb", label: "layer-wise in" },
    { from: "batch-size", to: "linear-scaling", label: "rule for" },
    { from: "linear-scaling", to: "warmup-schedule", label: "needs" },
    { from: "lamb", to: "batch-size", label: "for huge" },
    { from: "gradient-clipping", to: "adam-epsilon", label: "another cure for spikes" },
    { from: "weight-ema", to: "cosine", label: "smooths the end of" },
    { from: "step-decay", to: "cosine", label: "replaced by" },
    { from: "warmup-schedule", to: "cosine", label: "precedes" },
    { from: "one-cycle", to: "learning-rate", label: "sweeps" },
    { from: "plateau", to: "step-decay", label: "adaptive form of" },
  ],
});
