import { colonFields } from "./colon-fields.js";
import type { CredentialField } from "./field.js";
import type { ParserId } from "./formats.js";
import { keyValueFields } from "./key-value.js";
import { netrcFields } from "./netrc.js";
import { treeFields } from "./tree.js";
import { urlListFields } from "./url-list.js";
import { xmlFields } from "./xml.js";

/** Every field of a credential file, read by its format's parser family. */
export function parseFields(parser: ParserId, text: string): CredentialField[] {
  switch (parser) {
    case "key-value":
      return keyValueFields(text);
    case "netrc":
      return netrcFields(text);
    case "pgpass":
      return colonFields(text, 4, 3);
    case "user-hash":
      // `user:hash[:…]`: the hash ends at the next colon.
      return colonFields(text, 64, 0);
    case "url-list":
      return urlListFields(text);
    case "xml":
      return xmlFields(text);
    case "json":
      return treeFields(text, true);
    case "yaml":
      return treeFields(text, false);
  }
}
