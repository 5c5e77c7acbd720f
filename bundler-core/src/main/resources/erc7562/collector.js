{
  // ERC-7562 collector for debug_traceCall of EntryPointSimulations.simulateValidation.
  //
  // The EntryPoint's own code (depth 0 here) is never judged, so step() returns at once there;
  // inside an entity's frame it looks only at the opcodes listed in `kind`. Every hook catches
  // its own exceptions: on anvil an exception escaping a hook silently reverts the traced frame,
  // so the trace would no longer show the execution eth_call sees. Memory reads are clamped to
  // the current memory size, which anvil requires even for empty slices.
  //
  // Stack values are native BigInts on anvil and big-integer objects on geth: both convert with
  // Number() and toString(16), so nothing else is used on them.
  //
  // kind: 0 ignore, 1 count (banned or conditional opcode), 2 GAS, 3 storage read, 4 storage
  // write, 5 KECCAK256, 6 EXTCODE*, 7 CALL/CALLCODE (with value), 8 DELEGATECALL/STATICCALL.
  kind: (function () {
    var k = [];
    var i;
    for (i = 0; i < 256; i++) { k.push(1); }
    var assigned = [[0x00, 0x0b], [0x10, 0x1d], [0x20, 0x20], [0x30, 0x4a], [0x50, 0xa4],
      [0xf0, 0xf5], [0xfa, 0xfa], [0xfd, 0xfd]];
    for (i = 0; i < assigned.length; i++) {
      for (var op = assigned[i][0]; op <= assigned[i][1]; op++) { k[op] = 0; }
    }
    var counted = [0x31, 0x32, 0x3a, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x47, 0x48, 0x49, 0x4a,
      0xf0, 0xf5, 0xfe, 0xff];
    for (i = 0; i < counted.length; i++) { k[counted[i]] = 1; }
    k[0x5a] = 2;
    k[0x54] = 3; k[0x5c] = 3;
    k[0x55] = 4; k[0x5d] = 4;
    k[0x20] = 5;
    k[0x3b] = 6; k[0x3c] = 6; k[0x3f] = 6;
    k[0xf1] = 7; k[0xf2] = 7;
    k[0xf4] = 8; k[0xfa] = 8;
    return k;
  })(),
  // Selectors of the EntryPoint's calls that open a validation phase.
  phaseOf: { '0x570e1a36': 'factory', '0x19822f7c': 'account', '0x52b7512c': 'paymaster' },
  depth: 0,
  cur: null,
  afterGas: false,
  phases: [],
  keccak: [],
  errors: [],

  hex: function (bigint) { return '0x' + bigint.toString(16); },

  address: function (bigint) {
    var digits = bigint.toString(16);
    digits = digits.length >= 40 ? digits.slice(-40) : '0000000000000000000000000000000000000000'.slice(digits.length) + digits;
    return '0x' + digits;
  },

  memory: function (log, offset, length) {
    var size = log.memory.length();
    var from = Math.min(offset, size);
    var to = Math.min(offset + length, size);
    return to > from ? toHex(log.memory.slice(from, to)) : '0x';
  },

  hasCode: function (db, addr) { return db.getCode(addr).length > 0; },

  step: function (log, db) {
    if (this.cur === null) { return; }
    try {
      var op = log.op.toNumber();
      if (this.afterGas) {
        this.afterGas = false;
        if (this.kind[op] !== 7 && this.kind[op] !== 8) { this.count(0x5a); }
      }
      switch (this.kind[op]) {
        case 0: return;
        case 1: this.count(op); return;
        case 2: this.afterGas = true; return;
        case 3: this.storage(log, 'r'); return;
        case 4: this.storage(log, 'w'); return;
        case 5: this.preimage(log); return;
        case 6: this.extcode(log, db, op); return;
        case 7: this.call(log, db, op, true); return;
        case 8: this.call(log, db, op, false); return;
      }
    } catch (e) {
      this.errors.push('step: ' + e);
    }
  },

  count: function (op) {
    var key = '' + op;
    this.cur.ops[key] = (this.cur.ops[key] || 0) + 1;
  },

  storage: function (log, access) {
    var addr = toHex(log.contract.getAddress());
    var slots = this.cur.storage[addr];
    if (slots === undefined) {
      slots = { r: {}, w: {} };
      this.cur.storage[addr] = slots;
    }
    slots[access][this.hex(log.stack.peek(0))] = 1;
  },

  preimage: function (log) {
    // Associated slots are keccak(A ‖ x) + n with x a word: only 64-byte preimages can be one.
    var offset = Number(log.stack.peek(0));
    if (Number(log.stack.peek(1)) === 64 && offset + 64 <= log.memory.length()) {
      this.keccak.push(toHex(log.memory.slice(offset, offset + 64)));
    }
  },

  extcode: function (log, db, op) {
    var addr = this.address(log.stack.peek(0));
    var key = op + addr;
    if (this.cur.seen[key] === undefined) {
      this.cur.seen[key] = 1;
      this.cur.extcode.push({ op: op, to: addr, code: this.hasCode(db, addr) });
    }
  },

  call: function (log, db, op, withValue) {
    var to = this.address(log.stack.peek(1));
    var argsAt = withValue ? 3 : 2;
    var value = withValue ? log.stack.peek(2) : null;
    var length = Number(log.stack.peek(argsAt + 1));
    var entry = {
      op: op,
      from: toHex(log.contract.getAddress()),
      to: to,
      value: value === null ? '0x0' : this.hex(value),
      // the selector and the first argument word: OP-052 needs the address depositTo credits
      input: this.memory(log, Number(log.stack.peek(argsAt)), Math.min(length, 36)),
      code: this.hasCode(db, to)
    };
    var key = op + entry.from + to + entry.value + entry.input;
    if (this.cur.seen[key] === undefined) {
      this.cur.seen[key] = 1;
      this.cur.calls.push(entry);
    }
  },

  enter: function (frame) {
    try {
      if (this.depth === 0) {
        var input = frame.getInput();
        var phase = input.length >= 4 ? this.phaseOf[toHex(input.slice(0, 4))] : undefined;
        if (phase !== undefined) {
          this.cur = { entity: phase, ops: {}, storage: {}, calls: [], extcode: [], oog: false,
            seen: {} };
          this.phases.push(this.cur);
        }
      }
      this.afterGas = false;
    } catch (e) {
      this.errors.push('enter: ' + e);
    }
    this.depth++;
  },

  exit: function (result) {
    this.depth--;
    try {
      if (this.cur !== null) {
        var error = result.getError();
        if (error !== undefined && error !== null && ('' + error).indexOf('out of gas') >= 0) {
          this.cur.oog = true;
        }
        if (this.depth === 0) { this.cur = null; }
      }
      this.afterGas = false;
    } catch (e) {
      this.errors.push('exit: ' + e);
    }
  },

  fault: function (log, db) {},

  result: function (ctx, db) {
    for (var i = 0; i < this.phases.length; i++) { delete this.phases[i].seen; }
    return {
      output: toHex(ctx.output),
      reverted: ctx.error !== undefined && ctx.error !== null,
      phases: this.phases,
      keccak: this.keccak,
      errors: this.errors
    };
  }
}
