// The common shape every model reader produces before planning: operations in data-flow order,
// joined by the names of the values they read and write. Types only.

export interface ModelNode {
  /** Unique within the graph. */
  name: string;
  /** The operation or layer class, e.g. "Conv", "Dense". */
  op: string;
  /** Module path from the outermost to the innermost, taken from the name; empty when names carry none. */
  scope: string[];
  /** The innermost module's name when it says more than the op does, e.g. "conv1"; else "". */
  label: string;
  /** Values read: outputs of other nodes, graph inputs, or weights listed in ModelGraph.weights. */
  inputs: string[];
  outputs: string[];
  /** Key attributes, already formatted short ("kernel_shape", "3×3"). */
  attributes: [string, string][];
  /** What the title adds after the op, e.g. "3×3, 64" for a convolution. */
  summary: string;
  /** Output shape as text ("1×64×56×56"), when the file says. */
  shape?: string;
  /** Weights this node owns, when cheaply known. */
  params?: number;
  /** Names of the nodes in its subgraphs, for control flow (If, Loop, Scan). */
  body?: string[];
  /** Raw attribute values for shape inference and pattern matching: numbers, lists, strings. */
  attrs?: Record<string, AttrValue>;
  /** For a node inside an If, Loop or Scan subgraph: its owner's name and which subgraph. */
  within?: { owner: string; branch: string };
}

export type AttrValue = number | string | number[] | (number | null)[];

export interface ModelGraph {
  name: string;
  /** One line per fact for the palace description: producer, opset and the like. */
  facts: string[];
  inputs: { name: string; shape?: string }[];
  outputs: { name: string; shape?: string }[];
  nodes: ModelNode[];
  /** Values that hold weights or constants rather than data flowing through the model. */
  weights: Set<string>;
  /** Shapes of values by name, where the file records them. */
  shapes: Map<string, string>;
  /** Dimensions of weight and constant tensors, by value name. */
  dims?: Map<string, number[]>;
  /** Values of small constant tensors (shapes, axes, scalars), by value name. */
  values?: Map<string, number[]>;
  /** Where channels sit in image tensors: ONNX is channels-first, Keras channels-last. */
  layout?: "channels-first" | "channels-last";
  /** Output names of each subgraph, by its owner's name and subgraph name ("then_branch"). */
  subgraphOutputs?: Map<string, Map<string, string[]>>;
  /** Input names of each subgraph, the same way: a Loop body's iteration number, condition and carried values. */
  subgraphInputs?: Map<string, Map<string, string[]>>;
}
