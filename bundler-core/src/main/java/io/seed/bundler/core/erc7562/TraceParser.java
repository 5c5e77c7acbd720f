package io.seed.bundler.core.erc7562;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the collector tracer's result ({@code erc7562/collector.js}) into a {@link
 * ValidationTrace}. A result of another shape, or one reporting errors inside the tracer, fails:
 * a trace that may have missed something cannot clear an operation.
 */
final class TraceParser {
  private static final Map<String, Entity> ENTITIES =
      Map.of("factory", Entity.FACTORY, "account", Entity.ACCOUNT, "paymaster", Entity.PAYMASTER);

  private TraceParser() {}

  static ValidationTrace parse(JsonNode result) {
    if (result == null || !result.isObject()) {
      throw new IllegalStateException("the collector tracer returned no object: " + result);
    }
    JsonNode errors = required(result, "errors");
    if (!errors.isEmpty()) {
      throw new IllegalStateException("the collector tracer failed: " + errors);
    }
    return new ValidationTrace(
        Bytes.fromHex(required(result, "output").asText()),
        required(result, "reverted").asBoolean(),
        elements(result, "phases", TraceParser::frame),
        elements(result, "keccak", preimage -> Bytes.fromHex(preimage.asText())));
  }

  private static EntityFrame frame(JsonNode phase) {
    String name = required(phase, "entity").asText();
    Entity entity = ENTITIES.get(name);
    if (entity == null) {
      throw new IllegalStateException("the collector tracer named an unknown entity: " + name);
    }
    Map<Integer, Integer> opcodes = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = required(phase, "ops").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> op = it.next();
      opcodes.put(Integer.parseInt(op.getKey()), op.getValue().asInt());
    }
    Map<Address, StorageAccess> storage = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = required(phase, "storage").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> contract = it.next();
      storage.put(
          Address.fromHex(contract.getKey()),
          new StorageAccess(
              slots(required(contract.getValue(), "r")), slots(required(contract.getValue(), "w"))));
    }
    return new EntityFrame(
        entity, opcodes, storage,
        elements(phase, "calls", TraceParser::call),
        elements(phase, "extcode", TraceParser::codeAccess),
        required(phase, "oog").asBoolean());
  }

  private static CallRecord call(JsonNode call) {
    return new CallRecord(
        required(call, "op").asInt(),
        Address.fromHex(required(call, "from").asText()),
        Address.fromHex(required(call, "to").asText()),
        quantity(required(call, "value").asText()),
        Bytes.fromHex(required(call, "input").asText()),
        required(call, "code").asBoolean());
  }

  private static CodeAccess codeAccess(JsonNode access) {
    return new CodeAccess(
        required(access, "op").asInt(),
        Address.fromHex(required(access, "to").asText()),
        required(access, "code").asBoolean());
  }

  private static <T> List<T> elements(JsonNode object, String field, Function<JsonNode, T> reader) {
    List<T> elements = new ArrayList<>();
    required(object, field).forEach(element -> elements.add(reader.apply(element)));
    return elements;
  }

  private static Set<BigInteger> slots(JsonNode object) {
    Set<BigInteger> slots = new HashSet<>();
    object.fieldNames().forEachRemaining(slot -> slots.add(quantity(slot)));
    return slots;
  }

  private static BigInteger quantity(String hex) {
    return new BigInteger(hex.startsWith("0x") ? hex.substring(2) : hex, 16);
  }

  private static JsonNode required(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalStateException("the collector tracer's result has no " + field);
    }
    return value;
  }
}
