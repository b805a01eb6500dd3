package dev.acepipe.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.json.JsonMappers;
import java.util.ArrayList;
import java.util.List;

/** Reading our own JSON documents back with errors that name the file and the field. */
final class Json {
  /** Exact numbers and no duplicate keys (see {@link JsonMappers#exact()}). */
  static final ObjectMapper MAPPER = JsonMappers.exact();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ObjectNode parseObject(byte[] bytes, String where) throws StoreFormatException {
    JsonNode n;
    try {
      n = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new StoreFormatException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new StoreFormatException(where + ": unreadable: " + e.getMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new StoreFormatException(where + ": expected a JSON object");
    }
    return (ObjectNode) n;
  }

  static JsonNode field(JsonNode obj, String name, String where) throws StoreFormatException {
    JsonNode v = obj.get(name);
    if (v == null || v.isNull()) {
      throw new StoreFormatException(where + ": missing field '" + name + "'");
    }
    return v;
  }

  static String text(JsonNode obj, String name, String where) throws StoreFormatException {
    JsonNode v = field(obj, name, where);
    if (!v.isTextual()) {
      throw new StoreFormatException(where + ": field '" + name + "' must be a string");
    }
    return v.textValue();
  }

  /** A string field that may be absent or null. */
  static String optText(JsonNode obj, String name, String where) throws StoreFormatException {
    JsonNode v = obj.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new StoreFormatException(where + ": field '" + name + "' must be a string");
    }
    return v.textValue();
  }

  static long integer(JsonNode obj, String name, String where) throws StoreFormatException {
    JsonNode v = field(obj, name, where);
    if (!v.isIntegralNumber()
        && !(v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0)) {
      throw new StoreFormatException(where + ": field '" + name + "' must be an integer");
    }
    return v.longValue();
  }

  static Long optInteger(JsonNode obj, String name, String where) throws StoreFormatException {
    JsonNode v = obj.get(name);
    return v == null || v.isNull() ? null : integer(obj, name, where);
  }

  static double number(JsonNode obj, String name, String where) throws StoreFormatException {
    JsonNode v = field(obj, name, where);
    if (!v.isNumber()) {
      throw new StoreFormatException(where + ": field '" + name + "' must be a number");
    }
    return v.doubleValue();
  }

  static JsonNode array(JsonNode obj, String name, String where) throws StoreFormatException {
    JsonNode v = field(obj, name, where);
    if (!v.isArray()) {
      throw new StoreFormatException(where + ": field '" + name + "' must be an array");
    }
    return v;
  }

  static ObjectNode objectField(JsonNode obj, String name, String where)
      throws StoreFormatException {
    JsonNode v = field(obj, name, where);
    if (!v.isObject()) {
      throw new StoreFormatException(where + ": field '" + name + "' must be an object");
    }
    return (ObjectNode) v;
  }

  static List<Long> longs(JsonNode obj, String name, String where) throws StoreFormatException {
    List<Long> out = new ArrayList<>();
    JsonNode arr = array(obj, name, where);
    for (int i = 0; i < arr.size(); i++) {
      if (!arr.get(i).isIntegralNumber()) {
        throw new StoreFormatException(where + ": " + name + "[" + i + "] must be an integer");
      }
      out.add(arr.get(i).longValue());
    }
    return out;
  }

  static Fingerprint fingerprint(JsonNode obj, String name, String where)
      throws StoreFormatException {
    try {
      return Fingerprint.parse(text(obj, name, where));
    } catch (IllegalArgumentException e) {
      throw new StoreFormatException(where + ": " + e.getMessage(), e);
    }
  }

  static List<StepInput> inputs(JsonNode obj, String where) throws StoreFormatException {
    List<StepInput> out = new ArrayList<>();
    JsonNode arr = array(obj, "inputs", where);
    for (int i = 0; i < arr.size(); i++) {
      String w = where + ": inputs[" + i + "]";
      try {
        out.add(new StepInput(text(arr.get(i), "ref", w), text(arr.get(i), "sha256", w)));
      } catch (IllegalArgumentException e) {
        throw new StoreFormatException(w + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  static void putInputs(ObjectNode target, List<StepInput> inputs) {
    var arr = target.putArray("inputs");
    for (StepInput in : inputs) {
      if (in.isPending()) {
        throw new IllegalArgumentException(
            "input " + in.ref() + " is pending; only rendered inputs are recorded");
      }
      arr.addObject().put("ref", in.ref()).put("sha256", in.sha256());
    }
  }
}
