class Account:
    def __init__(self, balance):
        self.balance = balance
    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"insufficient funds: {self.balance} < {amount}")
        self.balance -= amount
accounts = {"a": Account(10)}
def process(name, amount):
    acct = accounts[name]
    acct.withdraw(amount)
try:
    process("b", 5)
except KeyError as e:
    print("missing", e)
process("a", 50)
