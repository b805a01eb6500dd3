package dev.acepipe.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.json.JsonMappers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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

  /** Field {@code name}, which must be present and pass {@code is} ("must be {@code what}"). */
  private static JsonNode typed(
      JsonNode obj, String name, String where, Predicate<JsonNode> is, String what)
      throws StoreFormatException {
    JsonNode v = field(obj, name, where);
    if (!is.test(v)) {
      throw new StoreFormatException(where + ": field '" + name + "' must be " + what);
    }
    return v;
  }

  static String text(JsonNode obj, String name, String where) throws StoreFormatException {
    return typed(obj, name, where, JsonNode::isTextual, "a string").textValue();
  }

  /** A string field that may be absent or null. */
  static String optText(JsonNode obj, String name, String where) throws StoreFormatException {
    JsonNode v = obj.get(name);
    return v == null || v.isNull() ? null : text(obj, name, where);
  }

  static long integer(JsonNode obj, String name, String where) throws StoreFormatException {
    return typed(obj, name, where, Json::isWhole, "an integer").longValue();
  }

  /** An integral number, also when written with a zero fraction ({@code 3.0}). */
  private static boolean isWhole(JsonNode v) {
    return v.isIntegralNumber()
        || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0);
  }

  static Long optInteger(JsonNode obj, String name, String where) throws StoreFormatException {
    JsonNode v = obj.get(name);
    return v == null || v.isNull() ? null : integer(obj, name, where);
  }

  static double number(JsonNode obj, String name, String where) throws StoreFormatException {
    return typed(obj, name, where, JsonNode::isNumber, "a number").doubleValue();
  }

  static JsonNode array(JsonNode obj, String name, String where) throws StoreFormatException {
    return typed(obj, name, where, JsonNode::isArray, "an array");
  }

  static ObjectNode objectField(JsonNode obj, String name, String where)
      throws StoreFormatException {
    return (ObjectNode) typed(obj, name, where, JsonNode::isObject, "an object");
  }

  /** Reads one item of an array; {@code where} names the item ({@code file: takes[2]}). */
  @FunctionalInterface
  interface Item<T> {
    T read(JsonNode item, String where) throws StoreFormatException;
  }

  /** The array field {@code name}, each item read by {@code item}. */
  static <T> List<T> list(JsonNode obj, String name, String where, Item<T> item)
      throws StoreFormatException {
    List<T> out = new ArrayList<>();
    JsonNode arr = array(obj, name, where);
    for (int i = 0; i < arr.size(); i++) {
      out.add(item.read(arr.get(i), where + ": " + name + "[" + i + "]"));
    }
    return out;
  }

  static List<Long> longs(JsonNode obj, String name, String where) throws StoreFormatException {
    return list(
        obj,
        name,
        where,
        (n, w) -> {
          if (!n.isIntegralNumber()) {
            throw new StoreFormatException(w + " must be an integer");
          }
          return n.longValue();
        });
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
    return list(
        obj,
        "inputs",
        where,
        (n, w) -> {
          try {
            return new StepInput(text(n, "ref", w), text(n, "sha256", w));
          } catch (IllegalArgumentException e) {
            throw new StoreFormatException(w + ": " + e.getMessage(), e);
          }
        });
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
