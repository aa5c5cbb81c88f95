// Starter palace: how networks are optimised, from plain gradient descent to AdamW and its
// successors, and the schedules that set the step size over a run.
import { bars, HUES, line, plot, sample, sketch, text } from "../diagrams";
import { defineTemplate } from "./template-kit";

/** A long narrow valley drawn as nested ellipses, with the zig-zag of plain steps across it. */
const valleyDiagram = sketch("A narrow valley: plain steps zig-zag", [
  ...[1, 2, 3, 4].map((k) => `<ellipse cx="430" cy="270" rx="${k * 85}" ry="${k * 28}" fill="none" stroke="#9a9a9a" stroke-width="2"/>`),
  ...[
    [90, 230],
    [150, 310],
    [215, 240],
    [270, 300],
    [325, 250],
    [370, 288],
    [410, 262],
  ]
    .map((p, i, all) => (i === 0 ? "" : line(all[i - 1]![0]!, all[i - 1]![1]!, p[0]!, p[1]!, { arrow: true, color: "#c0563f" })))
    .join(""),
  line(90, 180, 420, 255, { arrow: true, color: "#3b6ea8", dashed: true }),
  text(240, 170, "with momentum", { size: 16, fill: "#3b6ea8" }),
  text(250, 360, "plain gradient descent", { size: 16, fill: "#c0563f" }),
  text(400, 440, "steep walls, a gentle floor: the steep direction caps the step size", { size: 16 }),
]);

const biasDiagram = plot("Why Adam corrects its averages", {
  xLabel: "step t, with a constant gradient of 1",
  yLabel: "estimate",
  xMax: 40,
  yMax: 1.6,
  series: [
    { label: "m, β₁ = 0.9", points: sample((t) => 1 - 0.9 ** t, 40, 160), dashed: true },
    { label: "v, β₂ = 0.999", points: sample((t) => 1 - 0.999 ** t, 40, 160), dashed: true },
    { label: "after ÷ (1 − βᵗ)", points: sample(() => 1, 40, 4) },
  ],
});

const memoryDiagram = bars("Optimiser state per parameter (bytes)", [
  { label: "SGD", value: 0.05, shown: "0", fill: HUES.grey },
  { label: "SGD + momentum", value: 4, shown: "4", fill: HUES.blue },
  { label: "Adam / AdamW", value: 8, shown: "8", fill: HUES.rose },
  { label: "8-bit Adam", value: 2, shown: "2", fill: HUES.amber },
  { label: "Adafactor", value: 0.3, shown: "≈ 0 (factored)", fill: HUES.green },
]);

const WARM = 5;
const RUN = 100;
const cosineWithWarmup = (t: number) => (t < WARM ? t / WARM : 0.5 * (1 + Math.cos((Math.PI * (t - WARM)) / (RUN - WARM))));
const stepDecay = (t: number) => (t < 30 ? 1 : t < 60 ? 0.1 : 0.01);
const wsd = (t: number) => (t < WARM ? t / WARM : t < 80 ? 1 : 1 - (t - 80) / 20);
const scheduleDiagram = plot("Three schedules over one run", {
  xLabel: "share of training (%)",
  yLabel: "learning rate ÷ peak",
  xMax: RUN,
  yMax: 1.5,
  series: [
    { label: "warmup + cosine", points: sample(cosineWithWarmup, RUN, 200) },
    { label: "step decay", points: sample(stepDecay, RUN, 400), dashed: true },
    { label: "warmup–stable–decay", points: sample(wsd, RUN, 200) },
  ],
});

export const optimisers = defineTemplate({
  title: "Optimisers and learning-rate schedules",
  description:
    "From the plain gradient step to momentum, adaptive methods, AdamW and the optimisers that followed it, then the schedules that decide how big each step is over a run. Four rooms walked in a square, each idea next to the one it improves on.",
  rooms: [
    { key: "foundations", name: "Foundations of Descent", gridX: 0, gridZ: 0, width: 10, depth: 10, height: 3.5, theme: "sandstone" },
    { key: "momentum", name: "Gallery of Momentum and Adaptivity", gridX: 10, gridZ: 0, width: 10, depth: 10, height: 4, theme: "slate" },
    { key: "adam", name: "House of Adam and Beyond", gridX: 10, gridZ: 10, width: 10, depth: 10, height: 4, theme: "indigo" },
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

Full-batch gradient descent computes the gradient over the whole training set for every step. That is exact but far too slow for modern datasets, and its deterministic path can settle in sharp minima that generalise less well than the ones noisier methods find.

**Picture:** a marble on a hillside rolling one small step at a time towards the lowest point it can feel beneath it.`,
    },
    {
      key: "sgd",
      room: "foundations",
      title: "Mini-batch stochastic gradient descent",
      kind: "optimizer",
      tags: ["basics", "sgd"],
      after: ["gradient-descent"],
      notes: `Stochastic gradient descent estimates the gradient from a random mini-batch, typically 32 to a few thousand examples, and takes a step after each one. The estimate is unbiased but noisy; many cheap noisy steps make far more progress per second than a few exact ones.

Each pass over the data is an epoch; reshuffling between epochs keeps batches from repeating in a fixed order. With momentum and a good schedule, plain SGD remains competitive for convolutional networks and is still a strong baseline for image classification.

**Picture:** a hiker in fog who checks the slope under a handful of random stones at each step rather than surveying the whole mountain.

**Number:** batches of 32 to a few thousand.`,
    },
    {
      key: "learning-rate",
      room: "foundations",
      title: "The learning rate",
      kind: "other",
      tags: ["hyperparameter"],
      after: ["gradient-descent"],
      notes: `The learning rate is usually the most important hyperparameter. Too small and training crawls or stalls on plateaus; too large and the loss oscillates or diverges. For a quadratic bowl, steps larger than 2 divided by the largest curvature make gradient descent diverge, so the sharpest direction of the landscape sets the limit for all others.

Tune it on a logarithmic scale, such as 1e-4, 3e-4, 1e-3, and retune it whenever you change the optimiser, the batch size, the model width or the loss scaling.

**Picture:** a stride-length knob on a pair of seven-league boots: too short and you crawl, too long and you leap clean over the valley.

**Number:** diverges above 2 / largest curvature.`,
    },
    {
      key: "lr-range-test",
      room: "foundations",
      title: "The learning-rate range test",
      kind: "technique",
      tags: ["hyperparameter", "learning rate"],
      after: ["learning-rate"],
      notes: `Leslie Smith's range test finds a sensible learning rate in one short run. Start very low, around 1e-7, and multiply the rate by a constant factor every step until it reaches about 10, over a few hundred steps, recording the smoothed loss. Plotted against the rate on a log axis, the loss stays flat, then drops, then shoots up.

Pick a peak rate a little below the steepest part of the drop, typically about a tenth of the rate at which the loss blows up. It is the usual way to set the maximum of a one-cycle schedule.

**Picture:** a dial on a pressure cooker turned steadily up until the lid rattles, then set a notch below where the hiss began.

**Number:** about a tenth of the blow-up rate.`,
    },
    {
      key: "batch-size",
      room: "foundations",
      title: "Batch size and gradient noise",
      kind: "other",
      tags: ["hyperparameter", "batch size"],
      after: ["sgd"],
      notes: `A larger batch gives a less noisy gradient estimate, with the noise shrinking like one over the square root of the batch size, and uses hardware better. But beyond a critical batch size, which depends on the task and grows during training, doubling the batch no longer halves the number of steps needed.

Small batches add noise that can act as a regulariser. When the batch grows, the learning rate usually has to grow with it, and very large batches need special care such as warmup or layer-wise adaptive optimisers.

**Picture:** a crowd of voters: polling more of them steadies the forecast, but only so much.

**Number:** noise shrinks as 1/√batch.`,
    },
    {
      key: "linear-scaling",
      room: "foundations",
      title: "Linear scaling rule",
      kind: "other",
      tags: ["batch size", "schedule"],
      after: ["batch-size", "learning-rate"],
      checks: [{ calc: "linear-scaling", args: [0.1, 256, 8192], says: "a peak rate of 3.2" }],
      notes: `When the batch size is multiplied by k, multiply the learning rate by k as well. The reasoning: k small steps take about the same path as one step over a k-times larger batch, as long as the gradient changes little along the way.

Goyal and colleagues trained ResNet-50 on ImageNet in one hour with batches of 8192 this way, scaling 0.1 per 256 examples to a peak rate of 3.2 and ramping up to it over five epochs because the start was unstable. The rule breaks down at very large batches, and for Adam a square-root scaling often works better.

**Picture:** a rowing team that doubles its rowers and doubles its stroke length together.

**Number:** 0.1 per 256 examples.`,
    },
    {
      key: "ill-conditioning",
      room: "foundations",
      title: "Ill-conditioning and saddle points",
      kind: "failure-mode",
      tags: ["landscape", "curvature"],
      after: ["learning-rate"],
      diagram: valleyDiagram,
      notes: `A loss surface is ill-conditioned when its curvature is much steeper in some directions than others, like a long narrow valley. A learning rate small enough for the steep walls makes progress along the valley floor painfully slow, and gradient descent zig-zags across it.

In high dimensions, flat saddle points, where the surface curves up in some directions and down in others, are far more common than poor local minima. Momentum, adaptive per-parameter step sizes and normalisation layers all exist largely to cope with this geometry.

**Picture:** a bobsleigh rattling between the walls of a narrow icy chute while barely moving forward.`,
    },
    {
      key: "momentum",
      room: "momentum",
      title: "Momentum",
      kind: "optimizer",
      tags: ["sgd", "momentum"],
      after: ["ill-conditioning"],
      checks: [{ calc: "one-over-one-minus", args: [0.9], says: "at β = 0.9, 10" }],
      notes: `Momentum keeps a running velocity of past gradients: v ← βv + ∇L, then θ ← θ − ηv, with β typically 0.9. Gradient components that point the same way step after step add up, while components that flip sign cancel out.

In a narrow valley this damps the zig-zag across the walls and speeds up travel along the floor, effectively multiplying the learning rate by up to 1 / (1 − β) (at β = 0.9, 10) in consistent directions. It also carries the parameters through small bumps and flat stretches where the raw gradient is weak.

**Picture:** a curling stone sliding down a long icy lane, brushed straight rather than bounced between the walls.

**Number:** 1 / (1 − β) = 10 at β = 0.9.`,
    },
    {
      key: "nesterov",
      room: "momentum",
      title: "Nesterov accelerated gradient",
      kind: "optimizer",
      tags: ["sgd", "momentum"],
      after: ["momentum"],
      notes: `Nesterov momentum evaluates the gradient not at the current parameters but at the point momentum is about to carry them to, then corrects from there. Looking ahead lets it brake before overshooting, because the gradient at the look-ahead point already points back.

For convex problems it provably converges faster than plain gradient descent. In deep learning the gain is modest but free, so it is a common option in SGD implementations; in PyTorch it is the nesterov=True flag. NAdam combines the same idea with Adam.

**Picture:** a skier who looks at where her momentum will carry her and starts braking before she gets there.`,
    },
    {
      key: "adagrad",
      room: "momentum",
      title: "AdaGrad",
      kind: "optimizer",
      tags: ["adaptive"],
      notes: `AdaGrad gives every parameter its own learning rate by dividing each step by the square root of the sum of all its past squared gradients. Parameters with rare but informative gradients, such as embeddings of rare words, keep large steps, while frequently updated ones slow down.

This works well for sparse features and convex problems. Its weakness is that the sum only grows, so effective learning rates shrink towards zero and long deep-learning runs stall before they are done, the problem RMSProp was designed to fix.

**Picture:** a tally sheet per parameter where every gradient adds a stroke and nothing is ever erased, until no more steps fit.`,
    },
    {
      key: "rmsprop",
      room: "momentum",
      title: "RMSProp",
      kind: "optimizer",
      tags: ["adaptive"],
      after: ["adagrad"],
      notes: `RMSProp, proposed by Geoffrey Hinton in a lecture rather than a paper, replaces AdaGrad's ever-growing sum with an exponential moving average of squared gradients, typically with decay 0.9 or 0.99. Each parameter's step is divided by the root of that average, so step sizes adapt to recent gradient magnitudes instead of the whole history.

The effective learning rate no longer decays to zero, which made it a favourite for recurrent networks and reinforcement learning. Adding momentum on top leads directly to Adam.

**Picture:** the same tally sheet with a sponge that wipes the oldest strokes, so only recent history counts.

**Number:** decay 0.9 or 0.99.`,
    },
    {
      key: "adam",
      room: "momentum",
      title: "Adam",
      kind: "optimizer",
      tags: ["adaptive", "adam"],
      after: ["momentum", "rmsprop"],
      diagram: biasDiagram,
      notes: `Adam keeps two moving averages per parameter: m, of the gradient (momentum, β₁ = 0.9), and v, of the squared gradient (β₂ = 0.999). The step is η · m̂ / (√v̂ + ε), where the hats mark bias correction: both averages start at zero, so they are divided by 1 − βᵗ to avoid tiny first steps.

Because each parameter is divided by its own gradient scale, Adam is insensitive to how the gradients are scaled; the learning rate still needs tuning. The paper's default is η = 1e-3, and 3e-4 is a popular rule of thumb. It stores two extra values per parameter.

**Picture:** a hiker with two notebooks, one logging the direction of each step and one how rough the ground was, taking shorter strides where it was roughest.

**Number:** β₁ = 0.9, β₂ = 0.999, η = 1e-3.`,
    },
    {
      key: "adamw",
      room: "adam",
      title: "AdamW: decoupled weight decay",
      kind: "optimizer",
      tags: ["adam", "regularisation"],
      after: ["adam"],
      checks: [{ calc: "product", args: [0.001, 0.1], says: "by 1e-4" }],
      notes: `With SGD, an L2 penalty in the loss is the same as shrinking weights a little each step. With Adam it is not: the penalty's gradient is divided by the adaptive denominator, so weights with large gradients are barely regularised.

AdamW applies the decay outside the adaptive step, θ ← θ − ηλθ, so every weight shrinks by the same fraction ηλ per step: with η = 0.001 and λ = 0.1, by 1e-4. Because that fraction contains η, the best λ still moves with the learning rate; revisit it when the peak rate changes a lot. It is the default for transformers, with λ around 0.01 to 0.1 and none on biases or norm gains.

**Picture:** a gardener who trims every hedge by the same sliver each morning, whatever the weather did to it overnight.

**Number:** shrink per step = η·λ.`,
    },
    {
      key: "adam-epsilon",
      room: "adam",
      title: "Adam's epsilon and β₂",
      kind: "other",
      tags: ["adam", "stability"],
      after: ["adam"],
      notes: `The ε in Adam's denominator, often 1e-8, stops division by zero but also caps the step for parameters with tiny gradients. Raising it towards 1e-6 or more makes Adam behave a little more like SGD with momentum and can stabilise training.

β₂ sets how long the squared-gradient memory is. With 0.999 the average reacts slowly, so a sudden burst of large gradients meets a stale small denominator and produces a huge step: a known cause of loss spikes in large models, often handled by lowering β₂ to 0.95.

**Picture:** a shock absorber (ε) under Adam's seat and a memory dial (β₂) that, set too long, lets one sudden pothole send the car flying.

**Number:** β₂ = 0.95 for large models.`,
    },
    {
      key: "gradient-clipping",
      room: "adam",
      title: "Gradient clipping",
      kind: "technique",
      tags: ["stability"],
      notes: `Gradient clipping caps the size of an update when gradients spike. Clipping by global norm computes the norm of all gradients together and, if it exceeds a threshold such as 1.0, scales every gradient down by the same factor, so the direction is preserved.

It is standard for recurrent networks and transformers, where rare batches produce gradients orders of magnitude larger than usual. If clipping is active on most steps, the threshold is too low or something is wrong upstream; log how often it triggers.

**Picture:** a ceiling on a trampoline: bounce as high as you like, but never through the roof, and always in the same direction.

**Number:** global norm 1.0.`,
    },
    {
      key: "weight-ema",
      room: "adam",
      title: "Exponential moving average of weights",
      kind: "technique",
      tags: ["averaging", "evaluation"],
      checks: [{ calc: "one-over-one-minus", args: [0.999], says: "about 1000 steps" }],
      notes: `Alongside the weights being trained, keep a shadow copy updated as an exponential moving average: θ_ema ← α θ_ema + (1 − α) θ, with α close to 1 such as 0.999, which remembers about 1000 steps. Evaluate and ship the averaged weights.

Averaging smooths out the noise of the last steps and usually lands nearer the centre of a wide basin, giving a small, reliable gain in accuracy. It is standard in diffusion models and semi-supervised learning. Stochastic weight averaging is a related idea that averages checkpoints taken with a cyclic or constant learning rate.

**Picture:** a long-exposure photograph of a jittering dancer, the blur settling into one calm pose.

**Number:** 1 / (1 − α) steps of memory.`,
    },
    {
      key: "lamb",
      room: "adam",
      title: "LARS and LAMB for huge batches",
      kind: "optimizer",
      tags: ["large batch", "adaptive"],
      after: ["adam", "linear-scaling"],
      notes: `When the batch grows to tens of thousands of examples, one global learning rate becomes a poor fit: some layers' updates are large relative to their weights, others tiny. LARS, for SGD with momentum, and LAMB, for Adam, rescale each layer's update so that its norm is proportional to the norm of that layer's weights, a trust ratio.

This let ResNet-50 train on ImageNet and BERT pretrain with batches of 32,000 or more without losing accuracy, cutting training time from days to hours on large clusters.

**Picture:** a convoy where every lorry sets its own speed in proportion to its size, so the smallest ones do not overturn.

**Number:** batches of 32,000 or more.`,
    },
    {
      key: "memory-light",
      room: "adam",
      title: "Memory-light optimisers",
      kind: "optimizer",
      tags: ["memory", "adam"],
      after: ["adam"],
      diagram: memoryDiagram,
      checks: [{ calc: "product", args: [7, 8], says: "56 GB" }],
      notes: `Adam keeps two 32-bit numbers per parameter, 8 bytes: for a 7-billion-parameter model that is 7 × 8 = 56 GB of optimiser state before any weights or activations. Two families cut it.

Adafactor stores the second moment of each weight matrix as one row vector and one column vector, n + m numbers instead of n × m, and can drop momentum altogether. 8-bit Adam quantises both moments block by block into 8-bit numbers, 2 bytes per parameter, with almost no loss in quality. Sharding the state across GPUs, as ZeRO does, attacks the same problem from the systems side.

**Picture:** a removal lorry's worth of filing cabinets replaced by two thin index cards per drawer.

**Number:** Adam: 8 bytes of state per parameter.`,
    },
    {
      key: "preconditioned",
      room: "adam",
      title: "Preconditioned optimisers: Shampoo and Muon",
      kind: "optimizer",
      tags: ["preconditioning", "second order"],
      after: ["adam", "ill-conditioning"],
      notes: `Adam rescales each parameter on its own, a diagonal preconditioner. Shampoo treats a weight matrix as a matrix: it keeps a left and a right statistic of the gradients and multiplies each update by inverse fourth roots of both, capturing correlations between rows and between columns. A distributed version won the AlgoPerf optimiser benchmark's external-tuning track.

Muon takes the momentum of a 2-D weight matrix and replaces it with the nearest orthogonal matrix, computed by a few Newton–Schulz iterations, so every direction of the update has the same size. It is applied to hidden layers, with AdamW for embeddings and output.

**Picture:** a sculptor reshaping the whole block along its grain instead of chipping each speck separately.`,
    },
    {
      key: "sam",
      room: "adam",
      title: "Sharpness-aware minimisation (SAM)",
      kind: "optimizer",
      tags: ["generalisation", "flat minima"],
      after: ["sgd"],
      notes: `SAM looks for weights whose whole neighbourhood has low loss, not just a low point. Each step first moves the weights uphill by ρ along the normalised gradient, the worst nearby point to first order, computes the gradient there, and applies that gradient to the original weights.

Flat regions tend to generalise better, and SAM improved accuracy across image benchmarks and fine-tuning, with ρ around 0.05 a common default. The price is two forward and backward passes per step, double the cost, which variants reduce by perturbing only some steps or some parameters.

**Picture:** a mountaineer who pitches camp only after stepping a pace in the most dangerous direction and checking the ground still holds.

**Number:** ρ ≈ 0.05, twice the compute.`,
    },
    {
      key: "warmup-schedule",
      room: "schedules",
      title: "Linear warmup",
      kind: "technique",
      tags: ["schedule", "stability"],
      after: ["adam"],
      notes: `Warmup starts the learning rate near zero and raises it linearly to its peak over the first few hundred or thousand steps, before the main schedule takes over. At initialisation, gradients are large and poorly scaled, and Adam's second-moment estimates rest on very few samples, so full-size steps can send the model somewhere it never recovers from.

It matters most for post-norm transformers, which often diverge without it, and for very large batches; pre-norm models need much less, but a warmup of a few percent of the run is cheap insurance almost everywhere.

**Picture:** a jet taxiing slowly along the runway before opening the throttle.

**Number:** a few percent of the run.`,
    },
    {
      key: "step-decay",
      room: "schedules",
      title: "Step decay",
      kind: "technique",
      tags: ["schedule"],
      after: ["warmup-schedule"],
      notes: `The classic schedule keeps the learning rate constant, then divides it by 10 at a few fixed points: the standard ImageNet recipe for ResNet drops it at epochs 30 and 60 of a 90-epoch run, and some versions add a third drop at 80. Each drop produces a sharp fall in the loss as the optimiser settles deeper into the basin it has been bouncing around.

It is simple and reproducible but needs the milestones tuned to the total training length. Smooth schedules such as cosine decay have largely replaced it, needing fewer choices for results at least as good.

**Picture:** a staircase carved into a clock tower, each landing a tenth of the height of the one above.

**Number:** ÷10 at epochs 30 and 60 of 90.`,
    },
    {
      key: "cosine",
      room: "schedules",
      title: "Cosine annealing",
      kind: "technique",
      tags: ["schedule"],
      after: ["warmup-schedule", "step-decay"],
      diagram: scheduleDiagram,
      notes: `Cosine annealing lowers the learning rate from its peak to near zero along half a cosine wave over the run: η(t) = η_min + ½(η_max − η_min)(1 + cos(πt/T)). It stays high for a long time, falls fastest in the middle and eases gently into the end. In practice it follows a short warmup.

It has one main knob, the total length T, and works well across vision and language. With warm restarts (SGDR) the cosine is repeated in cycles, which produces several good snapshots. Its drawback is that T must be fixed before training starts.

**Picture:** a pendulum released from the top of the clock face, slowing to rest at the bottom exactly as the run ends.

**Number:** half of the peak at the halfway point.`,
    },
    {
      key: "wsd",
      room: "schedules",
      title: "Warmup–stable–decay",
      kind: "technique",
      tags: ["schedule", "pretraining"],
      after: ["cosine"],
      notes: `Warmup–stable–decay, used in recent language-model pretraining such as MiniCPM, warms up, then holds the learning rate constant for most of the run, and decays it quickly only in the last stretch, often the final 10 to 20% of steps. Final losses match a tuned cosine schedule.

Its advantage is that the length need not be fixed in advance: checkpoints from the stable phase can be decayed whenever a model is wanted, and training continued from the stable branch afterwards. Experiments with data or scale can share one long run.

**Picture:** a long flat plateau road that ends at a short steep ramp down to the finish line, with side ramps you can take at any mile.

**Number:** decay in the last 10 to 20% of steps.`,
    },
    {
      key: "one-cycle",
      room: "schedules",
      title: "One-cycle policy",
      kind: "technique",
      tags: ["schedule", "super-convergence"],
      after: ["lr-range-test", "warmup-schedule"],
      notes: `Leslie Smith's one-cycle policy raises the learning rate from a low value to a high maximum over roughly the first third of training, then lowers it to well below the starting value. Momentum is moved in the opposite direction, low while the learning rate is high.

The high-rate phase acts as a regulariser and moves quickly across the landscape; the long descent settles into a good minimum. It can reach a given accuracy in far fewer epochs, which Smith called super-convergence. The maximum is usually chosen with a learning-rate range test.

**Picture:** a single wave rolling in and out: the tide rises to a high peak, then ebbs far below where it started.`,
    },
    {
      key: "plateau",
      room: "schedules",
      title: "Reduce on plateau",
      kind: "technique",
      tags: ["schedule", "adaptive"],
      after: ["step-decay"],
      notes: `Instead of a fixed timetable, reduce-on-plateau watches a validation metric and multiplies the learning rate by a factor such as 0.1 when the metric has not improved for a set number of epochs, the patience.

It adapts to problems whose length you cannot predict and pairs naturally with early stopping. The costs are extra hyperparameters, dependence on a noisy validation signal, and poor interaction with schedules that already change every step, so it is used more in smaller projects than in large pretraining runs.

**Picture:** a thermostat that turns the heating down only after the room has stopped warming for a while.

**Number:** factor 0.1 after a set patience.`,
    },
  ],
  links: [
    { from: "gradient-descent", to: "sgd", label: "made cheap by" },
    { from: "sgd", to: "batch-size", label: "depends on" },
    { from: "learning-rate", to: "ill-conditioning", label: "limited by" },
    { from: "lr-range-test", to: "learning-rate", label: "chooses" },
    { from: "ill-conditioning", to: "momentum", label: "eased by" },
    { from: "momentum", to: "nesterov", label: "refined by" },
    { from: "adagrad", to: "rmsprop", label: "fixed by" },
    { from: "rmsprop", to: "adam", label: "plus momentum gives" },
    { from: "momentum", to: "adam", label: "first moment of" },
    { from: "adam", to: "adamw", label: "corrected by" },
    { from: "adam", to: "adam-epsilon", label: "tuned through" },
    { from: "adam", to: "lamb", label: "layer-wise in" },
    { from: "adam", to: "memory-light", label: "slimmed into" },
    { from: "preconditioned", to: "ill-conditioning", label: "attacks with full-matrix statistics" },
    { from: "sam", to: "sgd", label: "wraps an optimiser such as" },
    { from: "batch-size", to: "linear-scaling", label: "rule for" },
    { from: "linear-scaling", to: "warmup-schedule", label: "needs" },
    { from: "lamb", to: "batch-size", label: "for huge" },
    { from: "gradient-clipping", to: "adam-epsilon", label: "another cure for spikes" },
    { from: "weight-ema", to: "sgd", label: "averages away the noise of" },
    { from: "step-decay", to: "cosine", label: "replaced by" },
    { from: "warmup-schedule", to: "cosine", label: "precedes" },
    { from: "wsd", to: "cosine", label: "matches without fixing the length of" },
    { from: "one-cycle", to: "learning-rate", label: "sweeps" },
    { from: "plateau", to: "step-decay", label: "adaptive form of" },
  ],
});
