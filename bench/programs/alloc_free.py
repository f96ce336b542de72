class Node:
    def __init__(self, value, next):
        self.value = value
        self.next = next
head = None
for i in range(1000000):
    head = Node(i, head)
print(head.value)
head = None
print("freed")
