/** One image a created model trains on: an asset of the project, with its automatic caption. */
export interface TrainingImageRecord {
  /** The training image id: the id of its asset (whose description is the image's caption). */
  assetId: string;
  /** The original file name. */
  name: string;
  createdAt: number;
  /** The caption the emulator wrote, as Scenario writes one per image (`preset` shapes it). */
  automaticCaptioning: string;
}

/** A before/after pair of an edit model's training images. */
export interface TrainingPairRecord {
  sourceId: string;
  targetId: string;
  instruction: string;
}

/** A model created with `POST /models`: its fields, its dataset and, once started, its training's job. */
export interface ModelRecord {
  id: string;
  ownerId: string;
  authorId: string;
  /** Set from the training data when training starts without one, as the real API does. */
  name?: string;
  shortDescription?: string;
  type: string;
  createdAt: number;
  updatedAt: number;
  /** Training parameters kept on the model (`PUT /models/{id}`), merged with those `PUT …/train` sends. */
  parameters: Record<string, unknown>;
  /** Other fields the swagger lets a client set (`classSlug`, `concepts`, `thumbnail`, `epoch`, …), echoed back. */
  settings: Record<string, unknown>;
  /** In the order they were added. */
  trainingImages: TrainingImageRecord[];
  pairs: TrainingPairRecord[];
  /** The job of the latest training: its time line is the training's (status, progress, failure, cancel). */
  trainingJobId?: string;
}
