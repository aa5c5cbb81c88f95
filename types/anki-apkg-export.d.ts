// anki-apkg-export ships no types: the part the Anki import test uses.
declare module "anki-apkg-export" {
  export default class AnkiExport {
    constructor(deckName: string);
    addMedia(fileName: string, data: Uint8Array): void;
    addCard(front: string, back: string, options?: { tags?: string[] }): void;
    save(): Promise<Buffer>;
  }
}
